#include "core/periodic_task.h"

namespace concord {

void PeriodicTask::start(std::chrono::milliseconds interval) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval] {
    std::unique_lock guard(mutex_);
    while (!stopping_) {
      guard.unlock();
      run_();
      guard.lock();
      wake_.wait_for(guard, interval, [this] { return stopping_; });
    }
  });
}

void PeriodicTask::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace concord
