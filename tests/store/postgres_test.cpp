// PostgreSQL-only behaviour: connection settings, column conversion by type, reconnecting after
// the server drops a connection, and deadlocks reported as retryable conflicts.
#include <gtest/gtest.h>

#include <limits>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store_fixture.h"

namespace concord::testing {
namespace {

using store::Backend;
using store::Blob;
using store::QueryResult;
using store::Transaction;
using store::TransactionMode;
using store::Value;

Result<QueryResult> query_once(store::Database& db, TransactionMode mode, const std::string& sql,
                               const std::vector<Value>& params = {}) {
  return store::in_transaction(
      db, mode, [&](Transaction& transaction) { return transaction.query(sql, params); });
}

std::int64_t backend_pid(store::Database& db) {
  return ok_value(query_once(db, TransactionMode::read_only, "SELECT pg_backend_pid()"))
      .rows[0]
      .integer(0);
}

void terminate_backend(const std::string& url, std::int64_t pid) {
  auto admin = ok_value(store::open_database(url));
  QueryResult done = ok_value(query_once(*admin, TransactionMode::read_write,
                                         "SELECT pg_terminate_backend($1::integer)", {pid}));
  ASSERT_EQ(done.rows[0].integer(0), 1);
  // pg_terminate_backend only signals; wait until the backend has gone.
  for (int i = 0; i < 200; ++i) {
    QueryResult left = ok_value(
        query_once(*admin, TransactionMode::read_only,
                   "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1::integer", {pid}));
    if (left.rows[0].integer(0) == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL() << "backend " << pid << " did not exit";
}

TEST(StorePostgres, UsesTheExpectedSessionSettings) {
  auto db = open_fresh_database(Backend::postgres);
  QueryResult read = ok_value(query_once(
      *db, TransactionMode::read_only,
      "SELECT current_setting('application_name'), current_setting('transaction_read_only'), "
      "current_setting('transaction_isolation'), current_setting('synchronous_commit'), "
      "current_setting('client_encoding')"));
  EXPECT_EQ(read.rows[0].text(0), "concord");
  EXPECT_EQ(read.rows[0].text(1), "on");
  EXPECT_EQ(read.rows[0].text(2), "read committed");
  EXPECT_EQ(read.rows[0].text(3), "on");
  EXPECT_EQ(read.rows[0].text(4), "UTF8");
  QueryResult write = ok_value(query_once(*db, TransactionMode::read_write,
                                          "SELECT current_setting('transaction_read_only')"));
  EXPECT_EQ(write.rows[0].text(0), "off");
}

TEST(StorePostgres, ConvertsColumnsByType) {
  auto db = open_fresh_database(Backend::postgres);
  QueryResult result = ok_value(query_once(
      *db, TransactionMode::read_only,
      "SELECT true, false, 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, 12.30::numeric, "
      "DATE '2024-02-29', '\\x00ff'::bytea, NULL::integer, 'text'::text, "
      "'Infinity'::float8"));
  const std::vector<Value> expected = {std::int64_t{1},
                                       std::int64_t{0},
                                       std::int64_t{1},
                                       std::int64_t{2},
                                       std::int64_t{3},
                                       1.5,
                                       2.5,
                                       std::string("12.30"),
                                       std::string("2024-02-29"),
                                       Blob{{0x00, 0xff}},
                                       std::monostate{},
                                       std::string("text"),
                                       std::numeric_limits<double>::infinity()};
  ASSERT_EQ(result.rows.size(), 1u);
  ASSERT_EQ(result.rows[0].size(), expected.size());
  for (size_t column = 0; column < expected.size(); ++column) {
    EXPECT_EQ(result.rows[0][column], expected[column]) << "column " << column;
  }
}

TEST(StorePostgres, ReconnectsAfterTheServerDropsAnIdleConnection) {
  std::string url = fresh_database_url(Backend::postgres);
  store::DatabaseOptions options;
  options.pool_size = 1;
  auto db = ok_value(store::open_database(url, options));
  std::int64_t before = backend_pid(*db);
  terminate_backend(url, before);
  // The pool's only connection is dead; the next transaction must not notice.
  std::int64_t after = backend_pid(*db);
  EXPECT_NE(after, before);
  EXPECT_OK(db->ping());
}

TEST(StorePostgres, ConnectionLostInATransactionIsUnavailable) {
  std::string url = fresh_database_url(Backend::postgres);
  store::DatabaseOptions options;
  options.pool_size = 1;
  auto db = ok_value(store::open_database(url, options));
  auto transaction = ok_value(db->begin(TransactionMode::read_write));
  std::int64_t pid = ok_value(transaction->query("SELECT pg_backend_pid()")).rows[0].integer(0);
  terminate_backend(url, pid);
  auto lost = transaction->query("SELECT 1");
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::unavailable) << lost.error().message;
  transaction.reset();
  EXPECT_OK(db->ping());
}

TEST(StorePostgres, FailsToOpenAnUnreachableServer) {
  auto db = store::open_database("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::unavailable);
}

// Two transactions locking two rows in opposite orders: PostgreSQL breaks the deadlock by
// failing one, which must read as a conflict worth retrying.
TEST(StorePostgres, DeadlockIsARetryableConflict) {
  auto db = open_fresh_database(Backend::postgres);
  ASSERT_OK(query_once(*db, TransactionMode::read_write,
                       "CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER)"));
  ASSERT_OK(
      query_once(*db, TransactionMode::read_write, "INSERT INTO account VALUES (1, 0), (2, 0)"));
  auto first = ok_value(db->begin(TransactionMode::read_write));
  auto second = ok_value(db->begin(TransactionMode::read_write));
  for (auto* transaction : {first.get(), second.get()}) {
    ASSERT_OK(transaction->execute("SET LOCAL deadlock_timeout = '50ms'"));
  }
  ASSERT_OK(first->execute("UPDATE account SET balance = 1 WHERE id = 1"));
  ASSERT_OK(second->execute("UPDATE account SET balance = 2 WHERE id = 2"));
  Result<std::int64_t> from_first = Error::internal("not run");
  std::thread crossing([&] {
    from_first = first->execute("UPDATE account SET balance = 1 WHERE id = 2");
    // An aborted transaction keeps its locks until rolled back; release them for the second.
    if (!from_first.ok()) first.reset();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto from_second = second->execute("UPDATE account SET balance = 2 WHERE id = 1");
  if (from_second.ok()) ASSERT_OK(second->commit());
  if (!from_second.ok()) second.reset();  // releases its locks so that the first can finish
  crossing.join();
  ASSERT_NE(from_first.ok(), from_second.ok());
  const Error& error = from_first.ok() ? from_second.error() : from_first.error();
  EXPECT_EQ(error.code, ErrorCode::conflict);
  EXPECT_NE(error.message.find("retry"), std::string::npos) << error.message;
}

}  // namespace
}  // namespace concord::testing
