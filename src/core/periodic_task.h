// PeriodicTask: runs one function every interval on a thread of its own until stopped, for the
// sweeps `concord serve` runs in the background (tracing reminders, validation reminders). The
// function runs once at start, then after each interval; stop() wakes the thread at once and
// waits for a run in progress to finish. start() and stop() are idempotent; destruction stops.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace concord {

class PeriodicTask {
 public:
  explicit PeriodicTask(std::function<void()> run) : run_(std::move(run)) {}
  ~PeriodicTask() { stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void start(std::chrono::milliseconds interval);
  void stop();

 private:
  std::function<void()> run_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace concord
