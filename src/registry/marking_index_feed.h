// MarkingIndexFeed: keeps one node's marking index current. load() builds it from the weapons
// table, page by page; the feed position is taken before reading, so a change committed during
// the load is applied again afterwards (upserts are idempotent). catch_up() applies the change
// feed's weapon entries since; start() runs it on a thread every interval, so a record written
// through any node is searchable on every node within about one interval.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "core/result.h"
#include "search/marking_index.h"
#include "store/database.h"

namespace concord::registry {

class MarkingIndexFeed {
 public:
  // Both must outlive the feed.
  MarkingIndexFeed(store::Database& db, search::MarkingIndex& index) : db_(db), index_(index) {}
  ~MarkingIndexFeed() { stop(); }
  MarkingIndexFeed(const MarkingIndexFeed&) = delete;
  MarkingIndexFeed& operator=(const MarkingIndexFeed&) = delete;

  // Replaces the index content with every weapon record; returns how many were read. `progress`
  // is called after each page with the count so far.
  Result<std::size_t> load(const std::function<void(std::size_t)>& progress = {});

  // Applies every change after the last one applied; returns how many weapon changes it applied.
  // A payload that cannot be read fails with internal naming its feed position, and is retried
  // (never skipped) on the next call.
  Result<std::size_t> catch_up();

  // Runs catch_up() every `interval` on a thread of its own until stop(); failures are logged.
  void start(std::chrono::milliseconds interval);
  void stop();

  std::int64_t position() const { return position_.load(); }

 private:
  store::Database& db_;
  search::MarkingIndex& index_;
  std::atomic<std::int64_t> position_{0};
  std::mutex catching_up_;
  std::mutex stopping_;
  std::condition_variable wake_;
  bool stop_requested_ = false;
  std::thread thread_;
};

}  // namespace concord::registry
