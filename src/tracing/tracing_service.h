// TracingService: tracing requests between states (International Tracing Instrument). A
// requesting state drafts a request about one of its own weapon records, confirms or changes the
// suggested addressees and sends it; each addressed state moves its own leg through the lifecycle
// (lifecycle.h) and may forward the request to the next state in the chain, which adds a leg.
//
// Access: the requesting state's actions need `tracing.send`, the addressed state's
// `tracing.respond`, reading `tracing.read`, and only parties read: the requesting state and the
// states addressed by a leg that left draft. Everyone else is refused (permission_denied), and
// the refusal is audited. Every change commits in one transaction with its audit entry, its
// notifications (notification::notify) and its change-feed entry (area "tracing", entity
// "tracing_request", action the transition). Every read of a request's contents, messages or
// attachments by a party other than the requesting state is audited (tracing.read).
//
// The system principal (CLI) acts for the state named in Principal::state.
// Thread-safe: no mutable state of its own.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/attachment_store.h"
#include "store/database.h"
#include "tracing/addressees.h"
#include "tracing/answer.h"
#include "tracing/due_dates.h"
#include "tracing/timeliness.h"
#include "tracing/tracing_request.h"
#include "tracing/tracing_store.h"

namespace concord::tracing {

struct TracingServiceOptions {
  // How long before a due date the addressed state is reminded.
  std::chrono::milliseconds remind_before = std::chrono::hours(24);
  std::int64_t max_attachment_bytes = store::kMaxAttachmentBytes;
};

struct NewRequest {
  std::string record_id;  // one of the requesting state's records
  RequestContent content;
  // The addressed states as the sender confirmed or changed them; nullopt takes the suggestion.
  std::optional<std::vector<std::string>> addressees;
};

struct ListQuery {
  Box box = Box::received;
  std::optional<std::string> status;  // a RequestStatus or LegStatus name
  bool overdue_only = false;
  std::string before;  // the last id of the previous page
  int limit = 50;      // 1..200
};

struct RequestPage {
  std::vector<TracingRequest> requests;
  std::optional<std::string> next_before;  // pass as `before` for the next page
};

struct DueRuleTable {
  std::vector<DueRule> rules;     // what operators set
  std::vector<DueRule> defaults;  // what applies when no rule matches
};

struct ReminderSweep {
  int reminders = 0;  // "due soon" reminders sent
  int overdue = 0;    // overdue notices sent
};

struct TimelinessReport {
  std::string from;  // ISO 8601, inclusive: legs sent from then
  std::string to;    // ISO 8601, exclusive
  std::string generated_at;
  std::vector<StateTimeliness> states;
};

class TracingService {
 public:
  // All references must outlive the service.
  TracingService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                 IdGenerator& ids, const access::AuditTrail& audit,
                 TracingServiceOptions options = {});

  // --- the requesting state
  // Whom to ask about `record_id`, from its markings decoded with the published marking systems.
  Result<AddresseeSuggestion> suggest_addressees(const access::Principal& actor,
                                                 const std::string& record_id);
  Result<TracingRequest> create_draft(const access::Principal& actor, const NewRequest& input);
  // Sends a draft, to `addressees` when given (replacing the draft's), and copies the weapon's
  // description and markings into the request.
  Result<TracingRequest> send(const access::Principal& actor, const std::string& id,
                              const std::optional<std::vector<std::string>>& addressees);
  // Answers a request for more information; `to_state` names the asking state when several ask.
  Result<TracingRequest> provide_information(const access::Principal& actor, const std::string& id,
                                             const std::optional<std::string>& to_state,
                                             const std::string& information);
  // Closes the request once every leg has its final reply.
  Result<TracingRequest> close(const access::Principal& actor, const std::string& id);

  // --- the addressed state (its own leg)
  Result<TracingRequest> acknowledge(const access::Principal& actor, const std::string& id);
  Result<TracingRequest> request_information(const access::Principal& actor, const std::string& id,
                                             const std::string& question);
  Result<TracingRequest> start(const access::Principal& actor, const std::string& id);
  Result<TracingRequest> answer(const access::Principal& actor, const std::string& id,
                                const Answer& answer);
  Result<TracingRequest> decline(const access::Principal& actor, const std::string& id,
                                 const std::string& reason);
  Result<TracingRequest> forward(const access::Principal& actor, const std::string& id,
                                 const std::string& to_state, const std::string& note);

  // --- every party
  Result<TracingRequest> get(const access::Principal& reader, const std::string& id);
  // The caller's sent or received requests, newest first. Lists show statuses and due dates only,
  // so listing is not audited; opening a request is.
  Result<RequestPage> list(const access::Principal& reader, const ListQuery& query);
  Result<std::vector<Message>> messages(const access::Principal& reader, const std::string& id);
  Result<Message> add_message(const access::Principal& actor, const std::string& id,
                              const std::string& body);
  Result<store::Attachment> attach(const access::Principal& actor, const std::string& id,
                                   const std::string& filename, const std::string& description,
                                   std::vector<unsigned char> bytes);
  Result<std::vector<store::Attachment>> attachments(const access::Principal& reader,
                                                     const std::string& id);
  // One attachment of the request with its bytes; not_found when it belongs to another owner.
  Result<std::pair<store::Attachment, std::vector<unsigned char>>> attachment(
      const access::Principal& reader, const std::string& id, const std::string& attachment_id);

  // --- operators (tracing.configure)
  Result<DueRuleTable> due_rules(const access::Principal& actor);
  Result<DueRuleTable> replace_due_rules(const access::Principal& actor,
                                         const std::vector<DueRule>& rules);
  // The IANA zone whose calendar days the state's due dates end on (UTC until set).
  Result<std::pair<std::string, std::string>> set_time_zone(const access::Principal& actor,
                                                            const std::string& state,
                                                            const std::string& time_zone);

  // --- timeliness (timeliness.read): legs sent in [from, to); defaults: everything up to now.
  Result<TimelinessReport> timeliness(const access::Principal& reader,
                                      const std::optional<std::string>& from,
                                      const std::optional<std::string>& to);

  // Which due date `leg` has missed now, if any.
  std::optional<DueKind> overdue(const Leg& leg) const;

  // Reminds each addressed state before a due date and tells both sides when it has passed, each
  // at most once per leg, due kind and reminder, however many nodes sweep. Run periodically.
  Result<ReminderSweep> send_reminders(TimePoint now);

 private:
  // What one transition did: the audit details, and whom to tell what.
  struct Notice {
    std::string state;
    std::string topic;
    std::string summary;
  };
  struct Change {
    TimePoint now;
    std::string now_text;                               // ISO 8601 of `now`
    std::string transition;                             // "acknowledge", "create_draft", ...
    nlohmann::json details = nlohmann::json::object();  // for the audit entry
    std::vector<Notice> notices;
  };
  using Mutation = std::function<Result<void>(store::Transaction&, TracingRequest&, Change&)>;

  // Loads the request in a read-write transaction, checks the actor's side and the policy action
  // of that side, applies `mutate`, then writes the request, its audit entry, notifications and
  // change-feed entry.
  // `side` nullopt: either party, each with its own policy action (messages, attachments).
  Result<TracingRequest> transition(const access::Principal& actor, const std::string& id,
                                    std::optional<Party> side, const Mutation& mutate);
  using LegMutation =
      std::function<Result<void>(store::Transaction&, TracingRequest&, Leg&, Change&)>;
  // transition() for the addressed state's own leg: moves it by `action`, then `mutate`.
  Result<TracingRequest> respond(const access::Principal& actor, const std::string& id,
                                 LegAction action, const LegMutation& mutate);
  // The request if `reader` is a party, auditing the read when it is not the requesting state.
  Result<TracingRequest> readable(const access::Principal& reader, const std::string& id,
                                  const std::string& what);
  Result<void> audit_refusal(const access::Principal& actor, std::string_view action,
                             const TracingRequest& request, const Error& error) const;
  Result<void> set_due_dates(store::Transaction& transaction, const TracingRequest& request,
                             Leg& leg, TimePoint now);
  Result<std::vector<Leg>> draft_legs(const TracingRequest& request,
                                      const std::vector<std::string>& addressees,
                                      const AddresseeSuggestion& suggestion);
  Result<std::vector<std::string>> attachment_ids(store::Transaction& transaction,
                                                  const std::string& id);
  Result<std::string> notify(store::Transaction& transaction, const TracingRequest& request,
                             const std::string& state, const std::string& topic,
                             const std::string& summary);

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
  TracingServiceOptions options_;
};

}  // namespace concord::tracing
