#include "access/sign_in_throttle.h"

#include <algorithm>

namespace concord::access {
namespace {

using namespace std::chrono;

struct ThrottleRow {
  std::int64_t failures = 0;
  std::optional<TimePoint> last_failure_at;
  std::optional<TimePoint> locked_until;
};

Result<ThrottleRow> read_row(store::Transaction& transaction, const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto rows,
                           transaction.query("SELECT failures, last_failure_at, locked_until FROM "
                                             "sign_in_throttle WHERE throttle_key = $1",
                                             {key}));
  ThrottleRow row;
  if (rows.rows.empty()) return row;
  const auto& found = rows.rows.front();
  row.failures = found.integer(0);
  if (auto text = found.optional_text(1)) row.last_failure_at = parse_iso8601(*text);
  if (auto text = found.optional_text(2)) row.locked_until = parse_iso8601(*text);
  return row;
}

// Failures that still count at `now`: none once `forget` has passed since the last one.
std::int64_t live_failures(const ThrottleRow& row, TimePoint now, const ThrottlePolicy& policy) {
  if (!row.last_failure_at || now - *row.last_failure_at >= policy.forget) return 0;
  return row.failures;
}

seconds delay_after(std::int64_t failures, const ThrottlePolicy& policy) {
  const std::int64_t excess = failures - policy.free_failures;
  if (excess <= 0) return seconds(0);
  if (excess >= 9) return kMaxThrottleDelay;  // 2^9 is already past the cap
  return std::min(seconds(std::int64_t{1} << excess), kMaxThrottleDelay);
}

}  // namespace

Result<void> check_throttle(store::Transaction& transaction, const std::string& key, TimePoint now,
                            const ThrottlePolicy& policy) {
  CONCORD_ASSIGN_OR_RETURN(const ThrottleRow row, read_row(transaction, key));
  if (row.locked_until && *row.locked_until > now) {
    return Error::unavailable("too many failed sign-ins; try again after " +
                              format_iso8601(*row.locked_until));
  }
  const std::int64_t failures = live_failures(row, now, policy);
  const seconds delay = delay_after(failures, policy);
  if (delay > seconds(0) && now < *row.last_failure_at + delay) {
    const auto wait = ceil<seconds>(*row.last_failure_at + delay - now).count();
    return Error::unavailable("too many failed sign-ins; wait " + std::to_string(wait) +
                              (wait == 1 ? " second" : " seconds"));
  }
  return ok();
}

Result<void> record_throttle_failure(store::Transaction& transaction, const std::string& key,
                                     TimePoint now, const ThrottlePolicy& policy) {
  CONCORD_ASSIGN_OR_RETURN(const ThrottleRow row, read_row(transaction, key));
  const std::int64_t failures = live_failures(row, now, policy) + 1;
  store::Value locked_until;
  if (failures >= policy.lock_failures) {
    locked_until = format_iso8601(now + duration_cast<milliseconds>(policy.lock));
  }
  // Concurrent failures on one key may read the same count and write the same next value, which
  // under-counts by at most the number of simultaneous attempts: acceptable for a rate limit.
  CONCORD_TRY(transaction.execute(
      "INSERT INTO sign_in_throttle (throttle_key, failures, last_failure_at, locked_until) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (throttle_key) DO UPDATE SET failures = $2, "
      "last_failure_at = $3, locked_until = $4",
      {key, failures, format_iso8601(now), locked_until}));
  return ok();
}

Result<void> reset_throttle(store::Transaction& transaction, const std::string& key) {
  CONCORD_TRY(transaction.execute("DELETE FROM sign_in_throttle WHERE throttle_key = $1", {key}));
  return ok();
}

}  // namespace concord::access
