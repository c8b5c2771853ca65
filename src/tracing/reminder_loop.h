// ReminderLoop: runs TracingService::send_reminders every interval on a thread of its own, for
// `concord serve`. Safe with several nodes on one database (the sweep claims each notice once).
// start() and stop() are idempotent; destruction stops.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "tracing/tracing_service.h"

namespace concord::tracing {

class ReminderLoop {
 public:
  ReminderLoop(TracingService& service, const Clock& clock) : service_(service), clock_(clock) {}
  ~ReminderLoop() { stop(); }
  ReminderLoop(const ReminderLoop&) = delete;
  ReminderLoop& operator=(const ReminderLoop&) = delete;

  void start(std::chrono::milliseconds interval);
  void stop();

 private:
  TracingService& service_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace concord::tracing
