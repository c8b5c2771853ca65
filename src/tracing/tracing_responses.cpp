// TracingService: what the addressed state does with its own leg: acknowledge, ask for more
// information, start, answer (or report the weapon untraceable), decline, forward.
#include <algorithm>

#include "store/attachment_store.h"
#include "tracing/service_support.h"
#include "tracing/tracing_service.h"

namespace concord::tracing {

using store::Transaction;

Result<TracingRequest> TracingService::respond(const access::Principal& actor,
                                               const std::string& id, LegAction action,
                                               const LegMutation& mutate) {
  CONCORD_ASSIGN_OR_RETURN(std::string state, acting_state(actor));
  return transition(actor, id, Party::addressed,
                    [&](Transaction& tx, TracingRequest& request, Change& change) -> Result<void> {
                      change.transition = std::string(to_string(action));
                      Leg& leg = *request.leg_to(state);  // check_side found it
                      CONCORD_ASSIGN_OR_RETURN(leg.status, apply(leg.status, action, leg.to_state));
                      leg.updated_at = change.now_text;
                      change.details["leg"] = leg.to_state;
                      // `mutate` may add a leg, so `leg` must not be used after it.
                      return mutate(tx, request, leg, change);
                    });
}

Result<TracingRequest> TracingService::acknowledge(const access::Principal& actor,
                                                   const std::string& id) {
  return respond(actor, id, LegAction::acknowledge,
                 [](Transaction&, TracingRequest& request, Leg& leg, Change& change) {
                   leg.acknowledged_at = change.now_text;
                   change.notices.push_back(
                       {request.requesting_state, "tracing.acknowledged",
                        leg.to_state + " acknowledged your tracing request; answer due by " +
                            leg.answer_due_at});
                   return ok();
                 });
}

Result<TracingRequest> TracingService::request_information(const access::Principal& actor,
                                                           const std::string& id,
                                                           const std::string& question) {
  CONCORD_TRY(check_text("question", question, 1, kMaxMessageLength));
  return respond(
      actor, id, LegAction::request_information,
      [&](Transaction& tx, TracingRequest& request, Leg& leg, Change& change) -> Result<void> {
        leg.information_requested_at = change.now_text;
        CONCORD_TRY(insert_message(
            tx, {ids_.next(), request.id, MessageKind::information_request, leg.to_state,
                 request.requesting_state, actor.username, question, change.now_text}));
        change.notices.push_back({request.requesting_state, "tracing.information_requested",
                                  leg.to_state + " asks for more information"});
        return ok();
      });
}

Result<TracingRequest> TracingService::start(const access::Principal& actor,
                                             const std::string& id) {
  return respond(actor, id, LegAction::start,
                 [](Transaction&, TracingRequest&, Leg& leg, Change& change) {
                   leg.started_at = change.now_text;
                   return ok();
                 });
}

Result<TracingRequest> TracingService::answer(const access::Principal& actor, const std::string& id,
                                              const Answer& given) {
  const LegAction action = given.outcome == AnswerOutcome::untraceable
                               ? LegAction::report_untraceable
                               : LegAction::answer;
  return respond(
      actor, id, action,
      [&](Transaction& tx, TracingRequest& request, Leg& leg, Change& change) -> Result<void> {
        CONCORD_ASSIGN_OR_RETURN(std::vector<std::string> attached, attachment_ids(tx, id));
        CONCORD_TRY(validate_answer(given, reference_, attached));
        leg.answer = given;
        leg.concluded_at = change.now_text;
        change.details["outcome"] = to_string(given.outcome);
        if (given.restriction_reason) {
          change.details["restriction_reason"] = to_string(*given.restriction_reason);
        }
        const std::string summary = leg.to_state + " answered the tracing request (" +
                                    std::string(to_string(given.outcome)) + ")";
        change.notices.push_back({request.requesting_state, "tracing.answered", summary});
        if (leg.from_state != request.requesting_state) {
          change.notices.push_back({leg.from_state, "tracing.answered", summary});
        }
        return ok();
      });
}

Result<TracingRequest> TracingService::decline(const access::Principal& actor,
                                               const std::string& id, const std::string& reason) {
  CONCORD_TRY(check_text("reason", reason, 1, 4000));
  return respond(actor, id, LegAction::decline,
                 [&](Transaction&, TracingRequest& request, Leg& leg, Change& change) {
                   leg.decline_reason = reason;
                   leg.concluded_at = change.now_text;
                   change.notices.push_back({request.requesting_state, "tracing.declined",
                                             leg.to_state + " declined the tracing request"});
                   return ok();
                 });
}

Result<TracingRequest> TracingService::forward(const access::Principal& actor,
                                               const std::string& id, const std::string& to_state,
                                               const std::string& note) {
  CONCORD_TRY(check_text("note", note, 0, 4000));
  if (reference_.country(to_state) == nullptr) {
    return Error::invalid("to_state", "to_state must be an ISO 3166-1 alpha-2 code, not \"" +
                                          to_state.substr(0, 20) + "\"");
  }
  return respond(
      actor, id, LegAction::forward,
      [&](Transaction& tx, TracingRequest& request, Leg& leg, Change& change) -> Result<void> {
        if (to_state == request.requesting_state || request.leg_to(to_state) != nullptr) {
          return Error::invalid("to_state", to_state + " is already a party to this request");
        }
        leg.forward_note = note;
        leg.concluded_at = change.now_text;
        Leg next;
        next.id = ids_.next();
        next.request_id = request.id;
        next.position =
            1 + std::max_element(request.legs.begin(), request.legs.end(),
                                 [](const Leg& a, const Leg& b) { return a.position < b.position; })
                    ->position;
        next.from_state = leg.to_state;
        next.to_state = to_state;
        next.forwarded_from = leg.id;
        next.status = LegStatus::sent;
        next.role = "forwarded";
        next.reason = "forwarded by " + leg.to_state + (note.empty() ? "" : ": " + note);
        next.sent_at = change.now_text;
        next.updated_at = change.now_text;
        CONCORD_TRY(set_due_dates(tx, request, next, change.now));
        const std::string from = leg.to_state;
        change.details["to"] = to_state;
        change.notices.push_back({to_state, "tracing.received",
                                  "Tracing request from " + request.requesting_state +
                                      ", forwarded by " + from + ": acknowledge by " +
                                      next.acknowledge_due_at + ", answer by " +
                                      next.answer_due_at});
        change.notices.push_back({request.requesting_state, "tracing.forwarded",
                                  from + " forwarded your tracing request to " + to_state});
        request.legs.push_back(std::move(next));  // last: it invalidates `leg`
        return ok();
      });
}

Result<std::vector<std::string>> TracingService::attachment_ids(Transaction& transaction,
                                                                const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto attached,
                           store::list_attachments(transaction, "tracing_request", id));
  std::vector<std::string> ids;
  for (const auto& attachment : attached)
    ids.push_back(attachment.id);
  return ids;
}

}  // namespace concord::tracing
