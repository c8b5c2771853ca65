// The change feed on both backends: positions, reads after a position, rollbacks, and the order
// that concurrent appenders become visible in.
#include "store/change_feed.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "store/migrations.h"
#include "store_fixture.h"

namespace concord::testing {
namespace {

using store::Change;
using store::Transaction;
using store::TransactionMode;

class StoreChangeFeed : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ok_value(store::migrate(db()));
  }

  static Change change(const std::string& id, const std::string& action = "created") {
    return Change{0, "", "directory", "organisation", id, action, R"({"id":")" + id + R"("})"};
  }

  std::int64_t append(const Change& c) {
    return ok_value(store::in_transaction(
        db(), TransactionMode::read_write,
        [&](Transaction& transaction) { return store::append_change(transaction, c); }));
  }
};

TEST_P(StoreChangeFeed, StartsEmpty) {
  EXPECT_EQ(ok_value(store::latest_change_position(db())), 0);
  EXPECT_TRUE(ok_value(store::read_changes(db(), 0, 10)).empty());
}

TEST_P(StoreChangeFeed, AppendsInATransactionAndReadsBack) {
  std::vector<std::int64_t> positions = ok_value(store::in_transaction(
      db(), TransactionMode::read_write,
      [&](Transaction& transaction) -> Result<std::vector<std::int64_t>> {
        std::vector<std::int64_t> assigned;
        for (const char* id : {"a", "b", "c"}) {
          CONCORD_ASSIGN_OR_RETURN(std::int64_t position,
                                   store::append_change(transaction, change(id)));
          assigned.push_back(position);
        }
        return assigned;
      }));
  ASSERT_EQ(positions.size(), 3u);
  EXPECT_LT(positions[0], positions[1]);
  EXPECT_LT(positions[1], positions[2]);

  std::vector<Change> changes = ok_value(store::read_changes(db(), 0, 10));
  ASSERT_EQ(changes.size(), 3u);
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].position, positions[i]);
    EXPECT_EQ(changes[i].area, "directory");
    EXPECT_EQ(changes[i].entity, "organisation");
    EXPECT_EQ(changes[i].action, "created");
  }
  EXPECT_EQ(changes[1].entity_id, "b");
  EXPECT_EQ(changes[1].payload, R"({"id":"b"})");
  EXPECT_EQ(ok_value(store::latest_change_position(db())), positions[2]);
}

TEST_P(StoreChangeFeed, AppendsABulkInTheOrderGiven) {
  std::vector<Change> bulk;
  for (int i = 0; i < 1234; ++i)  // more than one statement's worth on PostgreSQL
    bulk.push_back(change(std::to_string(i)));
  bulk[7].recorded_at = "2026-01-02T03:04:05.678Z";
  const std::int64_t before = append(change("before"));
  ok_value(store::in_transaction(db(), TransactionMode::read_write, [&](Transaction& transaction) {
    return store::append_changes(transaction, bulk);
  }));
  std::vector<Change> changes = ok_value(store::read_changes(db(), before, 2000));
  ASSERT_EQ(changes.size(), bulk.size());
  for (size_t i = 0; i < changes.size(); ++i) {
    ASSERT_EQ(changes[i].entity_id, std::to_string(i));
    if (i > 0) {
      ASSERT_LT(changes[i - 1].position, changes[i].position);
    }
  }
  EXPECT_EQ(changes[7].recorded_at, "2026-01-02T03:04:05.678Z");
  EXPECT_FALSE(changes[8].recorded_at.empty());
  EXPECT_EQ(changes[5].payload, R"({"id":"5"})");
}

TEST_P(StoreChangeFeed, ReadsAfterAPositionUpToALimit) {
  std::vector<std::int64_t> positions;
  for (int i = 0; i < 10; ++i)
    positions.push_back(append(change(std::to_string(i))));
  for (size_t i = 1; i < positions.size(); ++i)
    EXPECT_LT(positions[i - 1], positions[i]);

  std::vector<Change> page = ok_value(store::read_changes(db(), positions[2], 4));
  ASSERT_EQ(page.size(), 4u);
  for (size_t i = 0; i < page.size(); ++i)
    EXPECT_EQ(page[i].position, positions[3 + i]);
  EXPECT_EQ(page[0].entity_id, "3");

  EXPECT_EQ(ok_value(store::read_changes(db(), positions[8], 100)).size(), 1u);
  EXPECT_TRUE(ok_value(store::read_changes(db(), positions[9], 100)).empty());
  EXPECT_TRUE(ok_value(store::read_changes(db(), 0, 0)).empty());
  auto negative = store::read_changes(db(), 0, -1);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().code, ErrorCode::invalid_argument);
}

TEST_P(StoreChangeFeed, RolledBackAppendsNeverAppear) {
  {
    auto transaction = ok_value(db().begin(TransactionMode::read_write));
    ok_value(store::append_change(*transaction, change("rolled-back")));
  }
  auto failed = store::in_transaction(db(), TransactionMode::read_write,
                                      [&](Transaction& transaction) -> Result<int> {
                                        CONCORD_TRY(store::append_change(transaction, change("x")));
                                        return Error::invalid("name", "rejected after append");
                                      });
  ASSERT_FALSE(failed.ok());
  std::int64_t kept = append(change("kept"));

  std::vector<Change> changes = ok_value(store::read_changes(db(), 0, 10));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].entity_id, "kept");
  EXPECT_EQ(changes[0].position, kept);
  EXPECT_EQ(ok_value(store::latest_change_position(db())), kept);
}

TEST_P(StoreChangeFeed, RecordsTheTime) {
  Change given = change("dated");
  given.recorded_at = "2026-01-02T03:04:05.678Z";
  append(given);
  auto before = SystemClock().now();
  append(change("now"));
  std::vector<Change> changes = ok_value(store::read_changes(db(), 0, 10));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].recorded_at, "2026-01-02T03:04:05.678Z");
  auto recorded = parse_iso8601(changes[1].recorded_at);
  ASSERT_TRUE(recorded.has_value()) << changes[1].recorded_at;
  EXPECT_GE(*recorded, before - std::chrono::seconds(1));
  EXPECT_LE(*recorded, SystemClock().now() + std::chrono::seconds(1));
}

// Appenders on several threads commit in an interleaved order; a follower reading "after the last
// position I saw" must never miss one, i.e. no position may appear below one already read.
TEST_P(StoreChangeFeed, ConcurrentAppendersBecomeVisibleInPositionOrder) {
  constexpr int threads = 4;
  constexpr int appends = 50;
  std::atomic<int> running{threads};
  std::atomic<int> failures{0};
  std::vector<std::thread> appenders;
  for (int thread = 0; thread < threads; ++thread) {
    appenders.emplace_back([&, thread] {
      std::mt19937 random(static_cast<unsigned>(thread));
      for (int i = 0; i < appends; ++i) {
        auto appended = store::in_transaction(
            db(), TransactionMode::read_write, [&](Transaction& transaction) -> Result<int> {
              CONCORD_TRY(store::append_change(
                  transaction, change(std::to_string(thread) + "-" + std::to_string(i))));
              // Widen the window between taking a position and committing it.
              std::this_thread::sleep_for(std::chrono::microseconds(random() % 500));
              return 0;
            });
        if (!appended.ok()) ++failures;
      }
      --running;
    });
  }

  std::vector<std::int64_t> followed;
  std::int64_t last = 0;
  bool order_broken = false;
  auto follow = [&] {
    auto page = store::read_changes(db(), last, 1000);
    if (!page.ok()) {
      ++failures;
      return;
    }
    for (const Change& seen : *page) {
      if (seen.position <= last) order_broken = true;
      last = seen.position;
      followed.push_back(seen.position);
    }
  };
  while (running.load() > 0)
    follow();
  for (auto& appender : appenders)
    appender.join();
  follow();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(order_broken);
  std::vector<Change> all = ok_value(store::read_changes(db(), 0, threads * appends + 1));
  ASSERT_EQ(all.size(), static_cast<size_t>(threads * appends));
  std::vector<std::int64_t> every;
  for (const Change& c : all)
    every.push_back(c.position);
  // Equal lists: the follower skipped nothing that later turned up behind it.
  EXPECT_EQ(followed, every);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreChangeFeed, ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace concord::testing
