// TracingService: composition, the shared transition machinery, drafting, sending, reading and
// closing. The addressed state's actions are in tracing_responses.cpp, the thread and attachments
// in tracing_thread.cpp, operators' settings in tracing_settings.cpp, reminders in
// tracing_reminders.cpp and the timeliness report in tracing_report.cpp.
#include "tracing/tracing_service.h"

#include <set>

#include "access/policy.h"
#include "marking/marking_system_store.h"
#include "notification/notification.h"
#include "registry/weapon_json.h"
#include "registry/weapon_store.h"
#include "store/change_feed.h"
#include "tracing/request_content.h"
#include "tracing/service_support.h"

namespace concord::tracing {

using store::Transaction;
using store::TransactionMode;

TracingService::TracingService(store::Database& db, const ReferenceData& reference,
                               const Clock& clock, IdGenerator& ids,
                               const access::AuditTrail& audit, TracingServiceOptions options)
    : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit), options_(options) {}

Result<TracingRequest> TracingService::transition(const access::Principal& actor,
                                                  const std::string& id, std::optional<Party> side,
                                                  const Mutation& mutate) {
  CONCORD_ASSIGN_OR_RETURN(std::string state, acting_state(actor));
  std::optional<std::pair<TracingRequest, Error>> refused;
  std::string refused_action;
  auto result = store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<TracingRequest> {
        CONCORD_TRY(lock_request(tx, id));
        CONCORD_ASSIGN_OR_RETURN(TracingRequest request, load_request(tx, id));
        const Party acting_side =
            side.value_or(state == request.requesting_state ? Party::requesting : Party::addressed);
        const std::string_view policy_action =
            acting_side == Party::requesting ? "tracing.send" : "tracing.respond";
        if (auto allowed = check_side(request, state, acting_side); !allowed.ok()) {
          refused.emplace(request, allowed.error());
          refused_action = policy_action;
          return allowed.error();
        }
        CONCORD_TRY(access::authorize(actor, policy_action));
        Change change;
        change.now = clock_.now();
        change.now_text = format_iso8601(change.now);
        CONCORD_TRY(mutate(tx, request, change));
        request.updated_at = change.now_text;
        CONCORD_TRY(update_request(tx, request));
        for (const auto& leg : request.legs)
          CONCORD_TRY(save_leg(tx, leg));
        change.details["transition"] = change.transition;
        CONCORD_TRY(audit_.record(
            tx, actor,
            {std::string(policy_action), "tracing_request", request.id, request.requesting_state,
             access::Outcome::success, change.details.dump()}));
        for (const auto& notice : change.notices) {
          CONCORD_TRY(notify(tx, request, notice.state, notice.topic, notice.summary));
        }
        CONCORD_TRY(
            store::append_change(tx, {0, change.now_text, "tracing", "tracing_request", request.id,
                                      change.transition, feed_payload(request).dump()}));
        return request;
      });
  if (!result.ok() && refused) {
    (void)audit_refusal(actor, refused_action, refused->first, refused->second);
  }
  return result;
}

Result<TracingRequest> TracingService::readable(const access::Principal& reader,
                                                const std::string& id, const std::string& what) {
  CONCORD_TRY(access::authorize(reader, "tracing.read"));
  CONCORD_ASSIGN_OR_RETURN(
      TracingRequest request,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) { return load_request(tx, id); }));
  const bool unbound_system =
      reader.credential == access::Credential::system && (!reader.state || reader.state->empty());
  if (!unbound_system && (!reader.state || !request.is_party(*reader.state))) {
    Error error = not_shared();
    (void)audit_refusal(reader, "tracing.read", request, error);
    return error;
  }
  if (unbound_system || *reader.state != request.requesting_state) {
    CONCORD_TRY(
        audit_.record(db_, reader,
                      {"tracing.read", "tracing_request", request.id, request.requesting_state,
                       access::Outcome::success, nlohmann::json{{"read", what}}.dump()}));
  }
  return request;
}

Result<void> TracingService::audit_refusal(const access::Principal& actor, std::string_view action,
                                           const TracingRequest& request,
                                           const Error& error) const {
  return audit_.record(
      db_, actor,
      {std::string(action), "tracing_request", request.id, request.requesting_state,
       access::Outcome::denied, nlohmann::json{{"reason", error.message}}.dump()});
}

Result<std::string> TracingService::notify(Transaction& transaction, const TracingRequest& request,
                                           const std::string& state, const std::string& topic,
                                           const std::string& summary) {
  return notification::notify(
      transaction, ids_, clock_,
      {state, "", topic, "tracing_request", request.id, summary, notification_payload(request)});
}

Result<void> TracingService::set_due_dates(Transaction& transaction, const TracingRequest& request,
                                           Leg& leg, TimePoint now) {
  CONCORD_ASSIGN_OR_RETURN(std::vector<DueRule> rules, load_due_rules(transaction));
  CONCORD_ASSIGN_OR_RETURN(std::string zone_name, load_time_zone(transaction, leg.to_state));
  auto zone = find_time_zone(zone_name, "time_zone");
  if (!zone.ok()) return Error::internal("the stored time zone of " + leg.to_state + " is unknown");
  const Priority priority = request.content.priority;
  leg.acknowledge_due_at = format_iso8601(
      due_at(now, due_within(rules, DueKind::acknowledge, priority, leg.from_state, leg.to_state),
             **zone));
  leg.answer_due_at = format_iso8601(due_at(
      now, due_within(rules, DueKind::answer, priority, leg.from_state, leg.to_state), **zone));
  leg.time_zone = zone_name;
  return ok();
}

Result<std::vector<Leg>> TracingService::draft_legs(const TracingRequest& request,
                                                    const std::vector<std::string>& addressees,
                                                    const AddresseeSuggestion& suggestion) {
  if (addressees.size() > kMaxAddressees) {
    return Error::invalid("addressees",
                          "at most " + std::to_string(kMaxAddressees) + " addressed states");
  }
  std::vector<Leg> legs;
  std::set<std::string> seen;
  for (size_t i = 0; i < addressees.size(); ++i) {
    const std::string field = "addressees[" + std::to_string(i) + "]";
    const std::string& state = addressees[i];
    if (reference_.country(state) == nullptr) {
      return Error::invalid(field, field + " must be an ISO 3166-1 alpha-2 code, not \"" +
                                       state.substr(0, 20) + "\"");
    }
    if (state == request.requesting_state) {
      return Error::invalid(field, "a state does not send a tracing request to itself");
    }
    if (!seen.insert(state).second) return Error::invalid(field, state + " is named twice");
    Leg leg;
    leg.id = ids_.next();
    leg.request_id = request.id;
    leg.position = static_cast<int>(i);
    leg.from_state = request.requesting_state;
    leg.to_state = state;
    leg.status = LegStatus::draft;
    leg.role = "chosen";
    leg.reason = "chosen by " + request.requesting_state;
    for (const auto& suggested : suggestion.addressees) {
      if (suggested.state == state) {
        leg.role = suggested.role;
        leg.reason = suggested.reason;
      }
    }
    leg.updated_at = request.updated_at;
    legs.push_back(std::move(leg));
  }
  return legs;
}

Result<AddresseeSuggestion> TracingService::suggest_addressees(const access::Principal& actor,
                                                               const std::string& record_id) {
  CONCORD_TRY(access::authorize(actor, "tracing.send"));
  CONCORD_ASSIGN_OR_RETURN(std::string state, acting_state(actor));
  CONCORD_ASSIGN_OR_RETURN(std::vector<marking::MarkingSystem> systems,
                           marking::load_latest_marking_systems(db_, reference_));
  CONCORD_ASSIGN_OR_RETURN(
      registry::WeaponRecord record,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) { return own_record(tx, state, record_id); }));
  return tracing::suggest_addressees(marking::decode_markings(systems, record.markings),
                                     record.country_of_manufacture, state);
}

Result<TracingRequest> TracingService::create_draft(const access::Principal& actor,
                                                    const NewRequest& input) {
  CONCORD_TRY(access::authorize(actor, "tracing.send"));
  CONCORD_ASSIGN_OR_RETURN(std::string state, acting_state(actor));
  CONCORD_TRY(validate_content(input.content));
  CONCORD_ASSIGN_OR_RETURN(std::vector<marking::MarkingSystem> systems,
                           marking::load_latest_marking_systems(db_, reference_));
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<TracingRequest> {
        CONCORD_ASSIGN_OR_RETURN(registry::WeaponRecord record,
                                 own_record(tx, state, input.record_id));
        const std::string now = format_iso8601(clock_.now());
        TracingRequest request;
        request.id = ids_.next();
        request.requesting_state = state;
        request.record_id = record.id;
        request.status = RequestStatus::draft;
        request.content = input.content;
        request.created_by = actor.username;
        request.created_at = now;
        request.updated_at = now;
        const AddresseeSuggestion suggestion =
            tracing::suggest_addressees(marking::decode_markings(systems, record.markings),
                                        record.country_of_manufacture, state);
        std::vector<std::string> addressees;
        if (input.addressees) {
          addressees = *input.addressees;
        } else {
          for (const auto& suggested : suggestion.addressees)
            addressees.push_back(suggested.state);
        }
        CONCORD_ASSIGN_OR_RETURN(request.legs, draft_legs(request, addressees, suggestion));
        CONCORD_TRY(insert_request(tx, request));
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"tracing.send", "tracing_request", request.id, state, access::Outcome::success,
             nlohmann::json{{"transition", "create_draft"}, {"record_id", record.id}}.dump()}));
        CONCORD_TRY(store::append_change(tx, {0, now, "tracing", "tracing_request", request.id,
                                              "create_draft", feed_payload(request).dump()}));
        return request;
      });
}

Result<TracingRequest> TracingService::send(
    const access::Principal& actor, const std::string& id,
    const std::optional<std::vector<std::string>>& addressees) {
  return transition(
      actor, id, Party::requesting,
      [&](Transaction& tx, TracingRequest& request, Change& change) -> Result<void> {
        change.transition = "send";
        if (request.status != RequestStatus::draft) {
          const Leg& first = request.legs.front();
          return apply(first.status, LegAction::send, first.to_state).error();
        }
        if (addressees) {
          AddresseeSuggestion kept;
          for (const auto& leg : request.legs)
            kept.addressees.push_back({leg.to_state, leg.role, leg.reason});
          CONCORD_TRY(delete_draft_legs(tx, request.id));
          CONCORD_ASSIGN_OR_RETURN(request.legs, draft_legs(request, *addressees, kept));
        }
        if (request.legs.empty()) {
          return Error::invalid("addressees", "choose at least one state to send the request to");
        }
        CONCORD_ASSIGN_OR_RETURN(registry::WeaponRecord record,
                                 registry::get_weapon(tx, request.record_id));
        request.weapon = weapon_snapshot(record, change.now_text);
        request.status = RequestStatus::open;
        request.sent_at = change.now_text;
        nlohmann::json sent_to = nlohmann::json::array();
        for (auto& leg : request.legs) {
          CONCORD_ASSIGN_OR_RETURN(leg.status, apply(leg.status, LegAction::send, leg.to_state));
          leg.sent_at = change.now_text;
          leg.updated_at = change.now_text;
          CONCORD_TRY(set_due_dates(tx, request, leg, change.now));
          sent_to.push_back(leg.to_state);
          change.notices.push_back({leg.to_state, "tracing.received",
                                    "New " + std::string(to_string(request.content.priority)) +
                                        " tracing request from " + request.requesting_state +
                                        ": acknowledge by " + leg.acknowledge_due_at +
                                        ", answer by " + leg.answer_due_at});
        }
        change.details["to"] = sent_to;
        return ok();
      });
}

Result<TracingRequest> TracingService::provide_information(
    const access::Principal& actor, const std::string& id,
    const std::optional<std::string>& to_state, const std::string& information) {
  CONCORD_TRY(check_text("information", information, 1, kMaxMessageLength));
  return transition(
      actor, id, Party::requesting,
      [&](Transaction& tx, TracingRequest& request, Change& change) -> Result<void> {
        change.transition = "provide_information";
        Leg* leg = nullptr;
        if (to_state) {
          leg = request.leg_to(*to_state);
          if (leg == nullptr || leg->status == LegStatus::draft) {
            return Error::invalid("to_state",
                                  "this request is not addressed to " + to_state->substr(0, 20));
          }
        } else {
          std::vector<Leg*> asking;
          for (auto& candidate : request.legs) {
            if (candidate.status == LegStatus::more_information_requested) {
              asking.push_back(&candidate);
            }
          }
          if (asking.size() > 1) {
            std::string names;
            for (const Leg* candidate : asking)
              names += (names.empty() ? "" : ", ") + candidate->to_state;
            return Error::invalid(
                "to_state", "several states asked for more information; name one of " + names);
          }
          if (asking.empty()) {
            return Error{ErrorCode::conflict,
                         "cannot provide_information: no addressed state has asked for more "
                         "information",
                         "status"};
          }
          leg = asking.front();
        }
        CONCORD_ASSIGN_OR_RETURN(leg->status,
                                 apply(leg->status, LegAction::provide_information, leg->to_state));
        leg->updated_at = change.now_text;
        CONCORD_TRY(insert_message(tx, {ids_.next(), request.id, MessageKind::information_response,
                                        request.requesting_state, leg->to_state, actor.username,
                                        information, change.now_text}));
        change.details["leg"] = leg->to_state;
        change.notices.push_back(
            {leg->to_state, "tracing.information_provided",
             request.requesting_state + " answered your request for more information"});
        return ok();
      });
}

Result<TracingRequest> TracingService::close(const access::Principal& actor,
                                             const std::string& id) {
  return transition(
      actor, id, Party::requesting,
      [&](Transaction&, TracingRequest& request, Change& change) -> Result<void> {
        change.transition = "close";
        if (request.status == RequestStatus::draft) {
          return apply(LegStatus::draft, LegAction::close).error();
        }
        for (auto& leg : request.legs) {
          CONCORD_ASSIGN_OR_RETURN(leg.status, apply(leg.status, LegAction::close, leg.to_state));
          leg.closed_at = change.now_text;
          leg.updated_at = change.now_text;
          change.notices.push_back({leg.to_state, "tracing.closed",
                                    request.requesting_state + " closed the tracing request"});
        }
        request.status = RequestStatus::closed;
        request.closed_at = change.now_text;
        return ok();
      });
}

std::optional<DueKind> TracingService::overdue(const Leg& leg) const {
  const auto acknowledge_due = parse_iso8601(leg.acknowledge_due_at);
  const auto answer_due = parse_iso8601(leg.answer_due_at);
  if (!acknowledge_due || !answer_due) return std::nullopt;
  return overdue_kind(leg.status, *acknowledge_due, *answer_due, clock_.now());
}

Result<TracingRequest> TracingService::get(const access::Principal& reader, const std::string& id) {
  return readable(reader, id, "request");
}

Result<RequestPage> TracingService::list(const access::Principal& reader, const ListQuery& query) {
  CONCORD_TRY(access::authorize(reader, "tracing.read"));
  std::string state;
  if (query.box == Box::all) {
    if (reader.credential != access::Credential::system) {
      return Error{
          ErrorCode::permission_denied, "only the system lists every state's requests", {}};
    }
  } else {
    CONCORD_ASSIGN_OR_RETURN(state, acting_state(reader));
  }
  if (query.limit < 1 || query.limit > kMaxPageSize) {
    return Error::invalid("limit", "limit must be 1.." + std::to_string(kMaxPageSize));
  }
  if (query.status && !request_status_from_string(*query.status) &&
      !leg_status_from_string(*query.status)) {
    return Error::invalid("status", "status must be one of open, " + leg_statuses_list());
  }
  ListFilter filter;
  filter.state = state;
  filter.box = query.box;
  filter.status = query.status;
  filter.overdue_only = query.overdue_only;
  filter.now = format_iso8601(clock_.now());
  filter.before_id = query.before;
  filter.limit = query.limit + 1;  // one more tells whether another page follows
  CONCORD_ASSIGN_OR_RETURN(
      std::vector<TracingRequest> requests,
      store::in_transaction(db_, TransactionMode::read_only,
                            [&](Transaction& tx) { return list_requests(tx, filter); }));
  RequestPage page;
  if (requests.size() > static_cast<size_t>(query.limit)) {
    requests.resize(static_cast<size_t>(query.limit));
    page.next_before = requests.back().id;
  }
  page.requests = std::move(requests);
  return page;
}

}  // namespace concord::tracing
