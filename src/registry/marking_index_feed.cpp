#include "registry/marking_index_feed.h"

#include <spdlog/spdlog.h>

#include <string>
#include <vector>

#include "registry/weapon_store.h"
#include "store/change_feed.h"

namespace concord::registry {
namespace {

constexpr int kPageSize = 5000;
constexpr int kChangesPerRead = 2000;

}  // namespace

Result<std::size_t> MarkingIndexFeed::load(const std::function<void(std::size_t)>& progress) {
  std::lock_guard lock(catching_up_);
  CONCORD_ASSIGN_OR_RETURN(const std::int64_t start, store::latest_change_position(db_));
  std::vector<search::IndexedRecord> page;
  std::size_t next_in_page = 0;
  std::string after;
  std::size_t count = 0;
  bool exhausted = false;
  std::optional<Error> failure;
  index_.rebuild([&](search::IndexedRecord& record) {
    if (next_in_page == page.size()) {
      if (exhausted) return false;
      auto read = list_indexed_records_after(db_, after, kPageSize);
      if (!read.ok()) {
        failure = read.error();
        return false;
      }
      page = std::move(*read);
      next_in_page = 0;
      if (page.size() < static_cast<std::size_t>(kPageSize)) exhausted = true;
      if (page.empty()) return false;
      after = page.back().id;
      if (progress && count > 0) progress(count);
    }
    record = std::move(page[next_in_page++]);
    ++count;
    return true;
  });
  if (failure) return *failure;
  if (progress) progress(count);
  position_ = start;
  return count;
}

Result<std::size_t> MarkingIndexFeed::catch_up() {
  std::lock_guard lock(catching_up_);
  std::size_t applied = 0;
  for (;;) {
    CONCORD_ASSIGN_OR_RETURN(auto changes,
                             store::read_changes(db_, position_.load(), kChangesPerRead));
    if (changes.empty()) return applied;
    // Consecutive upserts go in one batch; a deletion ends the batch so order is kept.
    std::vector<search::IndexedRecord> upserts;
    std::int64_t batch_end = position_.load();
    auto flush = [&] {
      index_.upsert(upserts);
      applied += upserts.size();
      upserts.clear();
      position_ = batch_end;
    };
    for (const auto& change : changes) {
      if (change.area != "registry" || change.entity != "weapon") {
        batch_end = change.position;
        continue;
      }
      if (change.action == "deleted") {
        flush();
        index_.erase({change.entity_id});
        ++applied;
        batch_end = change.position;
        position_ = batch_end;
        continue;
      }
      auto json = nlohmann::json::parse(change.payload, nullptr, false);
      auto record = json.is_discarded() ? Result<search::IndexedRecord>(Error::internal("not JSON"))
                                        : search::indexed_record_from_json(json);
      if (!record.ok()) {
        flush();
        return Error::internal("the change feed entry at position " +
                               std::to_string(change.position) +
                               " holds no readable weapon record: " + record.error().message);
      }
      upserts.push_back(std::move(*record));
      batch_end = change.position;
    }
    flush();
  }
}

void MarkingIndexFeed::start(std::chrono::milliseconds interval) {
  stop();
  {
    std::lock_guard lock(stopping_);
    stop_requested_ = false;
  }
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(stopping_);
    while (!stop_requested_) {
      lock.unlock();
      if (auto applied = catch_up(); !applied.ok()) {
        spdlog::error("marking index: {}", applied.error().message);
      } else if (*applied > 0) {
        spdlog::debug("marking index: applied {} weapon changes", *applied);
      }
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stop_requested_; });
    }
  });
}

void MarkingIndexFeed::stop() {
  {
    std::lock_guard lock(stopping_);
    stop_requested_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace concord::registry
