// Clock: where Concord reads the time. Injected everywhere so tests can move time.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace concord {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

// Thread-safe; implementations must be callable from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// The wall clock (UTC).
class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

// A clock that only moves when told to. For tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_ms_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(std::chrono::milliseconds(now_ms_.load())); }
  void advance(std::chrono::milliseconds by) { now_ms_ += by.count(); }
  void set(TimePoint to) { now_ms_ = to.time_since_epoch().count(); }

 private:
  std::atomic<long long> now_ms_;
};

// ISO 8601 in UTC with milliseconds: "2026-11-22T18:27:47.123Z".
std::string format_iso8601(TimePoint time);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.fff]Z" and "+HH:MM" offsets; nullopt when malformed.
std::optional<TimePoint> parse_iso8601(std::string_view text);

}  // namespace concord
