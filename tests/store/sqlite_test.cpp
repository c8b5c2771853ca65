// SQLite-only behaviour: the pragmas every connection runs with, the file and directory it
// creates, and what a writer sees when another holds the lock.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <vector>

#include "store/database.h"
#include "store_fixture.h"

namespace concord::testing {
namespace {

using store::Backend;
using store::Transaction;
using store::TransactionMode;

std::string sqlite_path(const std::string& url) {
  return url.substr(std::string("sqlite:").size());
}

TEST(StoreSqlite, SetsPragmasOnEveryConnection) {
  store::DatabaseOptions options;
  options.pool_size = 3;
  options.busy_timeout_ms = 1234;
  auto db = open_fresh_database(Backend::sqlite, options);
  // Holding three transactions at once makes the pool open all three connections.
  std::vector<std::unique_ptr<Transaction>> open;
  open.push_back(ok_value(db->begin(TransactionMode::read_write)));
  open.push_back(ok_value(db->begin(TransactionMode::read_only)));
  open.push_back(ok_value(db->begin(TransactionMode::read_only)));
  for (auto& transaction : open) {
    auto pragma = [&](const char* sql) { return ok_value(transaction->query(sql)).rows.at(0)[0]; };
    EXPECT_EQ(pragma("PRAGMA journal_mode"), store::Value(std::string("wal")));
    EXPECT_EQ(pragma("PRAGMA synchronous"), store::Value(std::int64_t{2}));  // FULL
    EXPECT_EQ(pragma("PRAGMA foreign_keys"), store::Value(std::int64_t{1}));
    EXPECT_EQ(pragma("PRAGMA busy_timeout"), store::Value(std::int64_t{1234}));
  }
}

TEST(StoreSqlite, CreatesTheFileAndItsDirectory) {
  std::string base = sqlite_path(fresh_database_url(Backend::sqlite));
  std::filesystem::path file =
      std::filesystem::path(base).parent_path() / "nested" / "deeper" / "concord.db";
  auto db = store::open_database("sqlite:" + file.string());
  ASSERT_OK(db);
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_OK((*db)->ping());
}

TEST(StoreSqlite, RefusesADatabaseWithoutWal) {
  auto memory = store::open_database("sqlite::memory:");
  ASSERT_FALSE(memory.ok());
  EXPECT_EQ(memory.error().code, ErrorCode::unavailable);
  auto empty = store::open_database("sqlite:");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
}

// Two Database objects on one file behave like two processes: the second writer waits for the
// busy timeout and then fails with unavailable, and succeeds once the first has committed.
TEST(StoreSqlite, BusyWriterFailsWithUnavailable) {
  std::string url = fresh_database_url(Backend::sqlite);
  store::DatabaseOptions patient;
  auto first = ok_value(store::open_database(url, patient));
  store::DatabaseOptions impatient;
  impatient.busy_timeout_ms = 100;
  auto second = ok_value(store::open_database(url, impatient));

  auto holding = ok_value(first->begin(TransactionMode::read_write));
  ASSERT_OK(holding->execute("CREATE TABLE t (id INTEGER)"));
  auto started = std::chrono::steady_clock::now();
  auto blocked = second->begin(TransactionMode::read_write);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::unavailable) << blocked.error().message;
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(90));
  // Readers are not held up by the writer.
  EXPECT_OK(second->ping());

  ASSERT_OK(holding->commit());
  EXPECT_OK(second->begin(TransactionMode::read_write));
}

TEST(StoreSqlite, WriterInTheSameProcessWaitsItsTurn) {
  store::DatabaseOptions options;
  options.busy_timeout_ms = 100;
  auto db = open_fresh_database(Backend::sqlite, options);
  auto holding = ok_value(db->begin(TransactionMode::read_write));
  auto blocked = db->begin(TransactionMode::read_write);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::unavailable);
  holding.reset();
  EXPECT_OK(db->begin(TransactionMode::read_write));
}

}  // namespace
}  // namespace concord::testing
