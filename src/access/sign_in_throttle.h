// Sign-in throttling: counts failed sign-ins per key ("account:<username>", "address:<client>")
// in the sign_in_throttle table, so that every node sharing the database applies the same limits.
//
// After `free_failures` failures each further attempt must wait 2^(failures - free) seconds
// (capped at 300 s) after the last failure; at `lock_failures` the key is locked for `lock`. A key
// forgets its failures after `forget` without any failure, so that occasional typos over months
// never add up to a delay. Functions run inside the caller's transaction.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::access {

struct ThrottlePolicy {
  int free_failures = 3;
  int lock_failures = 10;
  std::chrono::minutes lock{15};
  std::chrono::hours forget{24};
};

inline constexpr std::chrono::seconds kMaxThrottleDelay{300};

// Ok when `key` may try now; otherwise ErrorCode::unavailable saying until when
// ("too many failed sign-ins; try again after <time>") or how long to wait ("wait N seconds").
Result<void> check_throttle(store::Transaction& transaction, const std::string& key, TimePoint now,
                            const ThrottlePolicy& policy);

// Counts one failure for `key` at `now`, locking it when the count reaches lock_failures.
Result<void> record_throttle_failure(store::Transaction& transaction, const std::string& key,
                                     TimePoint now, const ThrottlePolicy& policy);

// Forgets every failure of `key` (after a successful sign-in on the account).
Result<void> reset_throttle(store::Transaction& transaction, const std::string& key);

}  // namespace concord::access
