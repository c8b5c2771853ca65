// TracingService::timeliness: the timeliness figures of every addressed state over a range of
// sending dates (timeliness.h has the definitions). Open to every state: timeliness is the point.
#include "access/policy.h"
#include "tracing/tracing_service.h"

namespace concord::tracing {

using store::Transaction;
using store::TransactionMode;

namespace {

Result<TimePoint> time_parameter(const std::optional<std::string>& text, TimePoint fallback,
                                 const std::string& field) {
  if (!text) return fallback;
  auto parsed = parse_iso8601(*text);
  if (!parsed) {
    return Error::invalid(field, field + " must be an ISO 8601 date or date-time (UTC)");
  }
  return *parsed;
}

}  // namespace

Result<TimelinessReport> TracingService::timeliness(const access::Principal& reader,
                                                    const std::optional<std::string>& from,
                                                    const std::optional<std::string>& to) {
  CONCORD_TRY(access::authorize(reader, "timeliness.read"));
  const TimePoint now = clock_.now();
  CONCORD_ASSIGN_OR_RETURN(TimePoint start, time_parameter(from, TimePoint{}, "from"));
  CONCORD_ASSIGN_OR_RETURN(TimePoint end,
                           time_parameter(to, now + std::chrono::milliseconds(1), "to"));
  if (end <= start) return Error::invalid("to", "to must be after from");
  TimelinessReport report;
  report.from = format_iso8601(start);
  report.to = format_iso8601(end);
  report.generated_at = format_iso8601(now);
  CONCORD_ASSIGN_OR_RETURN(
      std::vector<LegTimes> legs,
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) {
        return leg_times_sent_between(tx, report.from, report.to);
      }));
  report.states = compute_timeliness(legs, now);
  return report;
}

}  // namespace concord::tracing
