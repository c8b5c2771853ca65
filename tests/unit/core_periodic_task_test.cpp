// PeriodicTask: runs at start, again after each interval, and stops at once when asked, even in
// the middle of a long interval.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "core/periodic_task.h"

namespace concord {
namespace {

TEST(PeriodicTask, RunsAtStartAndStopsWithoutWaitingForTheInterval) {
  std::mutex mutex;
  std::condition_variable ran;
  int runs = 0;
  PeriodicTask task([&] {
    std::lock_guard lock(mutex);
    ++runs;
    ran.notify_all();
  });
  task.start(std::chrono::hours(24));
  {
    std::unique_lock lock(mutex);
    ran.wait(lock, [&] { return runs >= 1; });
  }
  task.stop();  // returns although the next run is a day away
  task.stop();  // idempotent
  EXPECT_EQ(runs, 1);
}

TEST(PeriodicTask, RunsAgainAfterEachInterval) {
  std::mutex mutex;
  std::condition_variable ran;
  int runs = 0;
  PeriodicTask task([&] {
    std::lock_guard lock(mutex);
    ++runs;
    ran.notify_all();
  });
  task.start(std::chrono::milliseconds(1));
  task.start(std::chrono::milliseconds(1));  // a second start changes nothing
  std::unique_lock lock(mutex);
  ran.wait(lock, [&] { return runs >= 3; });
  lock.unlock();
  task.stop();
  SUCCEED();
}

}  // namespace
}  // namespace concord
