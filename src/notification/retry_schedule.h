// When a failed webhook delivery is tried again: 30 s after the first failure, then 1, 2, 4 ...
// minutes, doubling up to one hour, each spread by +-20 % jitter so that many deliveries failing
// together (a receiver down) do not return together. Pure apart from the random draw; thread-safe.
#pragma once

#include <chrono>

namespace concord::notification {

constexpr std::chrono::milliseconds kFirstRetryDelay{30'000};
constexpr std::chrono::milliseconds kMaxRetryDelay{3'600'000};

// The delay before the next attempt after `failed_attempts` (>= 1) failures, before jitter.
std::chrono::milliseconds base_retry_delay(int failed_attempts);

// base_retry_delay scaled by `jitter` in [0.8, 1.2] (clamped), never above kMaxRetryDelay * 1.2.
std::chrono::milliseconds retry_delay(int failed_attempts, double jitter);

// A uniformly random jitter factor in [0.8, 1.2] (libsodium's generator).
double random_jitter();

}  // namespace concord::notification
