#include "notification/retry_schedule.h"

#include <sodium.h>

#include <algorithm>

namespace concord::notification {

std::chrono::milliseconds base_retry_delay(int failed_attempts) {
  std::chrono::milliseconds delay = kFirstRetryDelay;
  for (int i = 1; i < failed_attempts && delay < kMaxRetryDelay; ++i)
    delay *= 2;
  return std::min(delay, kMaxRetryDelay);
}

std::chrono::milliseconds retry_delay(int failed_attempts, double jitter) {
  jitter = std::clamp(jitter, 0.8, 1.2);
  const auto base = base_retry_delay(std::max(failed_attempts, 1));
  return std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(base.count()) * jitter));
}

double random_jitter() {
  constexpr std::uint32_t kSteps = 1'000'000;
  return 0.8 + 0.4 * static_cast<double>(randombytes_uniform(kSteps + 1)) / kSteps;
}

}  // namespace concord::notification
