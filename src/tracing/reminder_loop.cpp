#include "tracing/reminder_loop.h"

#include <spdlog/spdlog.h>

namespace concord::tracing {

void ReminderLoop::start(std::chrono::milliseconds interval) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval] {
    std::unique_lock guard(mutex_);
    while (!stopping_) {
      guard.unlock();
      auto sweep = service_.send_reminders(clock_.now());
      if (!sweep.ok()) {
        spdlog::warn("tracing reminders: {}", sweep.error().message);
      } else if (sweep->reminders + sweep->overdue > 0) {
        spdlog::info("tracing reminders: {} reminders, {} overdue notices", sweep->reminders,
                     sweep->overdue);
      }
      guard.lock();
      wake_.wait_for(guard, interval, [this] { return stopping_; });
    }
  });
}

void ReminderLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace concord::tracing
