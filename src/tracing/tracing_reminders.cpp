// TracingService::send_reminders: the sweep that reminds addressed states before a due date and
// tells both sides once it has passed. A read-only pass finds what is owed, so that the usual idle
// sweep takes no write lock; then each notice is claimed in tracing_reminders (INSERT ... ON
// CONFLICT DO NOTHING) before it goes out, so it goes out at most once per leg, due kind and
// reminder even when several nodes sweep at the same time.
#include <map>

#include "tracing/tracing_service.h"

namespace concord::tracing {

using store::Transaction;
using store::TransactionMode;

namespace {

struct Owed {
  Leg leg;
  DueKind kind = DueKind::answer;
  std::string due_at;
  bool overdue = false;  // else a reminder before the due date
};

std::string claim_key(const Owed& owed) {
  return owed.leg.id + "/" + std::string(to_string(owed.kind)) + "/" +
         (owed.overdue ? "overdue" : "before_due");
}

}  // namespace

Result<ReminderSweep> TracingService::send_reminders(TimePoint now) {
  const std::string now_text = format_iso8601(now);
  const std::string horizon = format_iso8601(now + options_.remind_before);
  CONCORD_ASSIGN_OR_RETURN(
      std::vector<Owed> owed,
      store::in_transaction(
          db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<Owed>> {
            CONCORD_ASSIGN_OR_RETURN(std::vector<Leg> legs, open_legs_due_before(tx, horizon));
            std::vector<std::string> leg_ids;
            for (const auto& leg : legs)
              leg_ids.push_back(leg.id);
            CONCORD_ASSIGN_OR_RETURN(std::set<std::string> claimed, claimed_reminders(tx, leg_ids));
            std::vector<Owed> found;
            for (const Leg& leg : legs) {
              std::vector<std::pair<DueKind, std::string>> dues;
              if (leg.status == LegStatus::sent) {
                dues.emplace_back(DueKind::acknowledge, leg.acknowledge_due_at);
              }
              dues.emplace_back(DueKind::answer, leg.answer_due_at);
              for (const auto& [kind, due_text] : dues) {
                const auto due = parse_iso8601(due_text);
                if (!due) return Error::internal("tracing leg " + leg.id + " has no due date");
                if (now + options_.remind_before < *due) continue;
                Owed candidate{leg, kind, due_text, now > *due};
                if (!claimed.contains(claim_key(candidate))) found.push_back(candidate);
              }
            }
            return found;
          }));
  ReminderSweep sweep;
  if (owed.empty()) return sweep;
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<ReminderSweep> {
        std::map<std::string, TracingRequest> requests;
        for (const Owed& notice : owed) {
          CONCORD_ASSIGN_OR_RETURN(
              bool claimed,
              claim_reminder(tx, notice.leg.id, notice.kind,
                             notice.overdue ? "overdue" : "before_due", notice.due_at, now_text));
          if (!claimed) continue;  // another node sent it first
          auto found = requests.find(notice.leg.request_id);
          if (found == requests.end()) {
            CONCORD_ASSIGN_OR_RETURN(TracingRequest request,
                                     load_request(tx, notice.leg.request_id));
            found = requests.emplace(notice.leg.request_id, std::move(request)).first;
          }
          const TracingRequest& request = found->second;
          const std::string what =
              notice.kind == DueKind::acknowledge ? "the acknowledgement" : "the answer";
          if (notice.overdue) {
            ++sweep.overdue;
            CONCORD_TRY(notify(tx, request, notice.leg.to_state, "tracing.overdue",
                               "Overdue: " + what + " of the tracing request from " +
                                   request.requesting_state + " was due " + notice.due_at));
            CONCORD_TRY(notify(tx, request, request.requesting_state, "tracing.overdue",
                               "Overdue: " + what + " of " + notice.leg.to_state +
                                   " to your tracing request was due " + notice.due_at));
          } else {
            ++sweep.reminders;
            CONCORD_TRY(notify(tx, request, notice.leg.to_state, "tracing.reminder",
                               "Reminder: " + what + " of the tracing request from " +
                                   request.requesting_state + " is due " + notice.due_at));
          }
        }
        return sweep;
      });
}

}  // namespace concord::tracing
