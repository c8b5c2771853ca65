// TracingStore: the tables of migration 0011 as free functions over a Transaction, so that a
// change, its audit entry and its notifications commit together. No access checks here: the
// service (tracing_service.h) decides who may do what before calling.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "tracing/due_dates.h"
#include "tracing/timeliness.h"
#include "tracing/tracing_request.h"

namespace concord::tracing {

// Inserts the request row and its legs.
Result<void> insert_request(store::Transaction& transaction, const TracingRequest& request);
// Overwrites the request row (not its legs).
Result<void> update_request(store::Transaction& transaction, const TracingRequest& request);
Result<void> insert_leg(store::Transaction& transaction, const Leg& leg);
// Inserts the leg, or overwrites the stored one with its id.
Result<void> save_leg(store::Transaction& transaction, const Leg& leg);
Result<void> delete_draft_legs(store::Transaction& transaction, const std::string& request_id);

// Takes the request's row lock for the rest of the transaction (PostgreSQL: a row lock; SQLite:
// the write lock), so that two transitions of one request, even on different legs, run one after
// the other and neither overwrites the other's legs. not_found (field "id") when there is none.
Result<void> lock_request(store::Transaction& transaction, const std::string& id);

// The request with its legs; not_found (field "id") when there is none.
Result<TracingRequest> load_request(store::Transaction& transaction, const std::string& id);

// Which requests a state sees in a list.
enum class Box { sent, received, all };  // all: every request (the system principal only)

struct ListFilter {
  std::string state;  // the caller's state
  Box box = Box::received;
  std::optional<std::string> status;  // a RequestStatus or LegStatus name (of the state's legs
                                      // when received, of any leg or the request when sent)
  bool overdue_only = false;          // with a leg (the state's own when received) overdue at now
  std::string now;                    // ISO 8601, for overdue_only
  std::string before_id;              // newest first: ids below this one; "" from the newest
  int limit = 50;
};

// Requests matching `filter`, newest first, with their legs.
Result<std::vector<TracingRequest>> list_requests(store::Transaction& transaction,
                                                  const ListFilter& filter);

Result<void> insert_message(store::Transaction& transaction, const Message& message);
Result<std::vector<Message>> list_messages(store::Transaction& transaction,
                                           const std::string& request_id);

// The operators' due-date table, in key order.
Result<std::vector<DueRule>> load_due_rules(store::Transaction& transaction);
// Replaces the whole table with `rules`.
Result<void> replace_due_rules(store::Transaction& transaction, const std::vector<DueRule>& rules,
                               const std::string& now);

// The state's IANA zone, "UTC" when none is set.
Result<std::string> load_time_zone(store::Transaction& transaction, const std::string& state);
Result<void> save_time_zone(store::Transaction& transaction, const std::string& state,
                            const std::string& time_zone, const std::string& now);

// Legs whose acknowledgement or answer falls due before `horizon` (ISO 8601) and that still wait
// on the addressed state.
Result<std::vector<Leg>> open_legs_due_before(store::Transaction& transaction,
                                              const std::string& horizon);

// The reminders already recorded for these legs, as "leg_id/due_kind/reminder".
Result<std::set<std::string>> claimed_reminders(store::Transaction& transaction,
                                                const std::vector<std::string>& leg_ids);

// Records that reminder `reminder` ("before_due", "overdue") for (leg, kind) went out. False when
// it had already been recorded, by this node or another: then it must not go out again.
Result<bool> claim_reminder(store::Transaction& transaction, const std::string& leg_id,
                            DueKind kind, const std::string& reminder, const std::string& due_at,
                            const std::string& now);

// The timestamps of the legs sent in [from, to) (ISO 8601), for timeliness.h.
Result<std::vector<LegTimes>> leg_times_sent_between(store::Transaction& transaction,
                                                     const std::string& from,
                                                     const std::string& to);

}  // namespace concord::tracing
