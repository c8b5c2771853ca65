// The Database contract, run on SQLite and on PostgreSQL: values, parameters, transactions,
// errors, concurrency and durability.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store_fixture.h"

namespace concord::testing {
namespace {

using store::Blob;
using store::QueryResult;
using store::Transaction;
using store::TransactionMode;
using store::Value;

class Store : public StoreTest {};

Blob every_byte() {
  Blob blob;
  for (int round = 0; round < 4; ++round) {
    for (int byte = 0; byte < 256; ++byte)
      blob.bytes.push_back(static_cast<unsigned char>(byte));
  }
  return blob;
}

TEST_P(Store, ReportsItsBackend) {
  EXPECT_EQ(db().backend(), GetParam());
  auto transaction = ok_value(db().begin(TransactionMode::read_only));
  EXPECT_EQ(transaction->backend(), GetParam());
}

TEST_P(Store, Pings) {
  EXPECT_OK(db().ping());
}

TEST_P(Store, RoundTripsEveryValueType) {
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const std::string text = "Grüße, Καλημέρα, 日本語, emoji 🚀, quote ' and backslash \\";
  const Blob zeros{{0, 1, 0, 0xff, 0, 0x5c, 0x78, 0}};
  std::vector<std::vector<Value>> rows = {
      {std::int64_t{1}, min, -1.5, text, zeros},
      {std::int64_t{2}, max, 1e300, std::string(), Blob{}},
      {std::int64_t{3}, std::int64_t{0}, 0.1, std::monostate{}, std::monostate{}},
      {std::int64_t{4}, std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}},
      {std::int64_t{5}, std::int64_t{-1}, -2.2250738585072014e-308, std::string(100000, 'x'),
       every_byte()},
  };
  for (const auto& row : rows) {
    ASSERT_OK(execute("INSERT INTO value_types (id, i, r, t, b) VALUES ($1, $2, $3, $4, $5)", row));
  }
  QueryResult result = ok_value(query("SELECT id, i, r, t, b FROM value_types ORDER BY id"));
  ASSERT_EQ(result.rows.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t column = 0; column < rows[i].size(); ++column) {
      EXPECT_EQ(result.rows[i][column], rows[i][column]) << "row " << i << " column " << column;
    }
  }
  EXPECT_EQ(result.rows[0].integer(1), min);
  EXPECT_EQ(result.rows[0].text(3), text);
  EXPECT_EQ(result.rows[0].blob(4), zeros);
  EXPECT_TRUE(result.rows[3].is_null(1));
  EXPECT_EQ(result.rows[3].optional_integer(1), std::nullopt);
  EXPECT_EQ(result.rows[3].optional_text(3), std::nullopt);
}

TEST_P(Store, SelectsParametersAsBound) {
  const std::vector<Value> params = {std::monostate{}, std::int64_t{-42}, 2.5, std::string("text"),
                                     Blob{{0, 1, 2}}};
  QueryResult result = ok_value(query("SELECT $1, $2, $3, $4, $5", params));
  ASSERT_EQ(result.rows.size(), 1u);
  for (size_t column = 0; column < params.size(); ++column) {
    EXPECT_EQ(result.rows[0][column], params[column]) << "column " << column;
  }
}

TEST_P(Store, BindsParametersByNumberNotByPosition) {
  ASSERT_OK(execute("INSERT INTO owner (name, id) VALUES ($2, $1)",
                    {std::int64_t{7}, std::string("seven")}));
  QueryResult result = ok_value(query("SELECT id, name FROM owner WHERE name = $2 AND id = $1",
                                      {std::int64_t{7}, std::string("seven")}));
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].integer(0), 7);
  EXPECT_EQ(result.rows[0].text(1), "seven");

  result = ok_value(query("SELECT $2, $1, $2", {std::string("a"), std::string("b")}));
  EXPECT_EQ(result.rows[0].text(0), "b");
  EXPECT_EQ(result.rows[0].text(1), "a");
  EXPECT_EQ(result.rows[0].text(2), "b");
}

TEST_P(Store, RejectsAWrongNumberOfParameters) {
  auto too_many = query("SELECT $1", {std::int64_t{1}, std::int64_t{2}});
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, ErrorCode::internal);
  auto too_few = query("SELECT $1, $2", {std::int64_t{1}});
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.error().code, ErrorCode::internal);
}

TEST_P(Store, IgnoresDollarSignsInsideLiterals) {
  QueryResult result =
      ok_value(query("SELECT '$2 is text', $1 -- and $3 a comment", {std::string("parameter")}));
  EXPECT_EQ(result.rows[0].text(0), "$2 is text");
  EXPECT_EQ(result.rows[0].text(1), "parameter");
}

TEST_P(Store, RejectsTextContainingNul) {
  auto result = execute("INSERT INTO owner (id, name) VALUES ($1, $2)",
                        {std::int64_t{1}, std::string("a\0b", 3)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
}

TEST_P(Store, RejectsSeveralStatementsInOneQuery) {
  auto result = query("SELECT 1; SELECT 2");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::internal);
}

TEST_P(Store, RunsScriptsOfSeveralStatements) {
  ASSERT_OK(store::in_transaction(db(), TransactionMode::read_write, [](Transaction& transaction) {
    return transaction.execute_script(
        "INSERT INTO owner (id, name) VALUES (1, 'a'); INSERT INTO owner (id, name) VALUES (2, "
        "'b');");
  }));
  EXPECT_EQ(count("owner"), 2);
}

TEST_P(Store, NamesResultColumns) {
  QueryResult result = ok_value(query("SELECT id AS owner_id, name FROM owner"));
  EXPECT_THAT(result.columns, ::testing::ElementsAre("owner_id", "name"));
  EXPECT_TRUE(result.rows.empty());
}

TEST_P(Store, CountsAffectedRows) {
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(ok_value(execute("INSERT INTO owner (id, name) VALUES ($1, $2)",
                               {std::int64_t{i}, "owner " + std::to_string(i)})),
              1);
  }
  EXPECT_EQ(ok_value(execute("UPDATE owner SET name = name || '!'")), 3);
  EXPECT_EQ(ok_value(execute("DELETE FROM owner WHERE id > $1", {std::int64_t{100}})), 0);
  EXPECT_EQ(ok_value(execute("DELETE FROM owner WHERE id = $1", {std::int64_t{2}})), 1);
  EXPECT_EQ(ok_value(execute("SELECT * FROM owner")), 0);
  EXPECT_EQ(ok_value(execute("CREATE TABLE extra (id INTEGER)")), 0);
  QueryResult returned = ok_value(
      store::in_transaction(db(), TransactionMode::read_write, [](Transaction& transaction) {
        return transaction.query("INSERT INTO item (label) VALUES ('x'), ('y') RETURNING id");
      }));
  EXPECT_EQ(returned.rows_affected, 2);
  EXPECT_EQ(returned.rows.size(), 2u);
}

TEST_P(Store, ReadsNumericAggregatesAsNumbers) {
  ASSERT_OK(execute("INSERT INTO item (label, quantity) VALUES ('a', 2), ('b', 3)"));
  // SUM(INTEGER) is BIGINT on PostgreSQL, SUM(BIGINT) NUMERIC (text): both read as integers.
  QueryResult result = ok_value(query(
      "SELECT COUNT(*), SUM(quantity), SUM(CAST(quantity AS BIGINT)), AVG(quantity) FROM item"));
  EXPECT_EQ(result.rows[0].integer(0), 2);
  EXPECT_EQ(result.rows[0].integer(1), 5);
  EXPECT_EQ(result.rows[0].integer(2), 5);
  EXPECT_DOUBLE_EQ(result.rows[0].real(3), 2.5);
}

TEST_P(Store, RollsBackWhenDestroyedUncommitted) {
  {
    auto transaction = ok_value(db().begin(TransactionMode::read_write));
    ASSERT_OK(transaction->execute("INSERT INTO owner (id, name) VALUES (1, 'gone')"));
  }
  EXPECT_EQ(count("owner"), 0);
  // The connection is clean again: the next transaction commits normally.
  ASSERT_OK(execute("INSERT INTO owner (id, name) VALUES (1, 'kept')"));
  EXPECT_EQ(count("owner"), 1);
}

TEST_P(Store, FailedStatementAbortsTheTransaction) {
  ASSERT_OK(execute("INSERT INTO owner (id, name) VALUES (1, 'first')"));
  auto transaction = ok_value(db().begin(TransactionMode::read_write));
  ASSERT_OK(transaction->execute("INSERT INTO owner (id, name) VALUES (2, 'second')"));
  EXPECT_FALSE(transaction->execute("INSERT INTO owner (id, name) VALUES (1, 'clash')").ok());
  EXPECT_FALSE(transaction->execute("INSERT INTO owner (id, name) VALUES (3, 'third')").ok());
  EXPECT_FALSE(transaction->commit().ok());
  transaction.reset();
  EXPECT_EQ(count("owner"), 1);
}

TEST_P(Store, EndsTheTransactionAtCommit) {
  auto transaction = ok_value(db().begin(TransactionMode::read_write));
  ASSERT_OK(transaction->execute("INSERT INTO owner (id, name) VALUES (1, 'a')"));
  ASSERT_OK(transaction->commit());
  EXPECT_FALSE(transaction->query("SELECT 1").ok());
  EXPECT_FALSE(transaction->commit().ok());
  EXPECT_EQ(count("owner"), 1);
}

TEST_P(Store, UniqueViolationIsAlreadyExists) {
  ASSERT_OK(execute("INSERT INTO owner (id, name) VALUES (1, 'taken')"));
  auto same_name = execute("INSERT INTO owner (id, name) VALUES (2, 'taken')");
  ASSERT_FALSE(same_name.ok());
  EXPECT_EQ(same_name.error().code, ErrorCode::already_exists) << same_name.error().message;
  auto same_key = execute("INSERT INTO owner (id, name) VALUES (1, 'other')");
  ASSERT_FALSE(same_key.ok());
  EXPECT_EQ(same_key.error().code, ErrorCode::already_exists) << same_key.error().message;
}

TEST_P(Store, ForeignKeyViolationIsConflict) {
  auto result = execute("INSERT INTO item (owner_id, label) VALUES (99, 'orphan')");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::conflict) << result.error().message;
  EXPECT_EQ(count("item"), 0);
}

TEST_P(Store, CheckAndNotNullViolationsAreConflicts) {
  auto check = execute("INSERT INTO item (label, quantity) VALUES ('x', -1)");
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, ErrorCode::conflict) << check.error().message;
  auto not_null = execute("INSERT INTO item (label) VALUES (NULL)");
  ASSERT_FALSE(not_null.ok());
  EXPECT_EQ(not_null.error().code, ErrorCode::conflict) << not_null.error().message;
}

TEST_P(Store, ReadOnlyTransactionRefusesWrites) {
  auto transaction = ok_value(db().begin(TransactionMode::read_only));
  auto insert = transaction->execute("INSERT INTO owner (id, name) VALUES (1, 'no')");
  ASSERT_FALSE(insert.ok());
  EXPECT_EQ(insert.error().code, ErrorCode::internal) << insert.error().message;
  transaction.reset();

  transaction = ok_value(db().begin(TransactionMode::read_only));
  EXPECT_FALSE(transaction->execute_script("DELETE FROM owner").ok());
  transaction.reset();
  EXPECT_EQ(count("owner"), 0);
}

TEST_P(Store, ReadersDoNotSeeUncommittedWrites) {
  auto writer = ok_value(db().begin(TransactionMode::read_write));
  ASSERT_OK(writer->execute("INSERT INTO owner (id, name) VALUES (1, 'pending')"));
  {
    // A reader runs beside the open writer (WAL on SQLite) and sees the state before it.
    auto reader = ok_value(db().begin(TransactionMode::read_only));
    EXPECT_EQ(ok_value(reader->query("SELECT COUNT(*) FROM owner")).rows[0].integer(0), 0);
  }
  ASSERT_OK(writer->commit());
  EXPECT_EQ(count("owner"), 1);
}

TEST_P(Store, ReadOnlyTransactionsRunConcurrently) {
  std::vector<std::unique_ptr<Transaction>> readers;
  for (int i = 0; i < 4; ++i) {
    readers.push_back(ok_value(db().begin(TransactionMode::read_only)));
  }
  for (auto& reader : readers)
    EXPECT_OK(reader->query("SELECT COUNT(*) FROM owner"));
}

TEST_P(Store, InTransactionCommitsOnSuccess) {
  auto result = store::in_transaction(
      db(), TransactionMode::read_write, [](Transaction& transaction) -> Result<int> {
        CONCORD_TRY(transaction.execute("INSERT INTO owner (id, name) VALUES (1, 'a')"));
        return 42;
      });
  ASSERT_OK(result);
  EXPECT_EQ(*result, 42);
  EXPECT_EQ(count("owner"), 1);
}

TEST_P(Store, InTransactionRollsBackOnError) {
  auto result = store::in_transaction(
      db(), TransactionMode::read_write, [](Transaction& transaction) -> Result<int> {
        CONCORD_TRY(transaction.execute("INSERT INTO owner (id, name) VALUES (1, 'a')"));
        return Error::invalid("name", "changed my mind");
      });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(result.error().field, "name");
  EXPECT_EQ(count("owner"), 0);
}

TEST_P(Store, ConcurrentWritersAllLand) {
  constexpr int threads = 4;
  constexpr int inserts = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int thread = 0; thread < threads; ++thread) {
    writers.emplace_back([&, thread] {
      for (int i = 0; i < inserts; ++i) {
        auto inserted =
            store::in_transaction(db(), TransactionMode::read_write, [&](Transaction& transaction) {
              return transaction.execute("INSERT INTO item (label, quantity) VALUES ($1, $2)",
                                         {"thread " + std::to_string(thread), std::int64_t{i}});
            });
        if (!inserted.ok()) ++failures;
      }
    });
  }
  for (auto& writer : writers)
    writer.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count("item"), threads * inserts);
  QueryResult per_thread =
      ok_value(query("SELECT label, COUNT(DISTINCT quantity) FROM item GROUP BY label"));
  ASSERT_EQ(per_thread.rows.size(), static_cast<size_t>(threads));
  for (const auto& row : per_thread.rows)
    EXPECT_EQ(row.integer(1), inserts);
}

TEST_P(Store, BeginFailsWhenNoConnectionFreesUp) {
  store::DatabaseOptions options;
  options.pool_size = 1;
  options.acquire_timeout_ms = 200;
  auto small = ok_value(store::open_database(url_, options));
  auto held = ok_value(small->begin(TransactionMode::read_only));
  auto started = std::chrono::steady_clock::now();
  auto waited = small->begin(TransactionMode::read_only);
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, ErrorCode::unavailable);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(150));
  held.reset();
  EXPECT_OK(small->begin(TransactionMode::read_only));
}

TEST_P(Store, BeginWaitsForAConnectionToFreeUp) {
  store::DatabaseOptions options;
  options.pool_size = 1;
  auto small = ok_value(store::open_database(url_, options));
  auto held = ok_value(small->begin(TransactionMode::read_write));
  ASSERT_OK(held->execute("INSERT INTO owner (id, name) VALUES (1, 'first')"));
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto transaction = small->begin(TransactionMode::read_only);
    if (!transaction.ok()) return;
    auto counted = (*transaction)->query("SELECT COUNT(*) FROM owner");
    got = counted.ok() && counted->rows[0].integer(0) == 1;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(got.load());
  ASSERT_OK(held->commit());  // gives the connection back
  waiter.join();
  EXPECT_TRUE(got.load());
}

// A writer killed with SIGKILL loses nothing it had been told was committed. (On PostgreSQL the
// server survives the client; on SQLite the WAL holds every commit.)
TEST_P(Store, KilledWriterKeepsEveryCommittedRow) {
  int report[2];
  ASSERT_EQ(pipe(report), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(report[0]);
    auto db = store::open_database(url_);
    if (!db.ok()) _exit(2);
    for (std::int64_t id = 1;; ++id) {
      auto inserted =
          store::in_transaction(**db, TransactionMode::read_write, [&](Transaction& transaction) {
            return transaction.execute("INSERT INTO owner (id, name) VALUES ($1, $2)",
                                       {id, "owner " + std::to_string(id)});
          });
      if (!inserted.ok()) _exit(3);
      if (write(report[1], &id, sizeof id) != sizeof id) _exit(4);
    }
  }
  close(report[1]);
  std::int64_t last = 0;
  while (last < 100) {
    std::int64_t id = 0;
    ASSERT_EQ(read(report[0], &id, sizeof id), static_cast<ssize_t>(sizeof id));
    last = id;
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(report[0]);
  ASSERT_TRUE(WIFSIGNALED(status));

  auto reopened = ok_value(store::open_database(url_));
  QueryResult result = ok_value(
      store::in_transaction(*reopened, TransactionMode::read_only, [&](Transaction& transaction) {
        return transaction.query("SELECT COUNT(*) FROM owner WHERE id <= $1", {last});
      }));
  EXPECT_EQ(result.rows[0].integer(0), last);
}

INSTANTIATE_TEST_SUITE_P(Backends, Store, ::testing::ValuesIn(all_backends()), backend_name);

TEST(StoreOpen, RejectsAnUnknownScheme) {
  auto db = store::open_database("mysql://localhost/concord");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(db.error().field, "url");
}

TEST(StoreOpen, RejectsAnEmptyPool) {
  store::DatabaseOptions options;
  options.pool_size = 0;
  auto db = store::open_database(fresh_database_url(store::Backend::sqlite), options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::invalid_argument);
}

TEST(StoreBackend, HasStableNames) {
  EXPECT_EQ(store::to_string(store::Backend::sqlite), "sqlite");
  EXPECT_EQ(store::to_string(store::Backend::postgres), "postgresql");
}

TEST(StoreRow, ReadsNullAsEmpty) {
  store::Row row({std::monostate{}});
  EXPECT_TRUE(row.is_null(0));
  EXPECT_EQ(row.integer(0), 0);
  EXPECT_EQ(row.real(0), 0.0);
  EXPECT_EQ(row.text(0), "");
  EXPECT_TRUE(row.blob(0).bytes.empty());
  EXPECT_EQ(row.optional_text(0), std::nullopt);
  EXPECT_EQ(row.optional_integer(0), std::nullopt);
}

TEST(StoreRow, ReadsDecimalTextAsNumbers) {
  store::Row row({std::string("12345678901"), std::string("2.5"), std::int64_t{3}});
  EXPECT_EQ(row.integer(0), 12345678901);
  EXPECT_DOUBLE_EQ(row.real(1), 2.5);
  EXPECT_DOUBLE_EQ(row.real(2), 3.0);
  EXPECT_EQ(row.optional_integer(2), 3);
}

TEST(StoreRow, ThrowsOnATypeMismatch) {
  store::Row row({std::string("word"), std::int64_t{1}, Blob{{1}}});
  EXPECT_THROW(row.integer(0), std::logic_error);
  EXPECT_THROW(row.text(1), std::logic_error);
  EXPECT_THROW(row.blob(0), std::logic_error);
  EXPECT_THROW(row.real(2), std::logic_error);
  EXPECT_THROW(row[3], std::out_of_range);
}

}  // namespace
}  // namespace concord::testing
