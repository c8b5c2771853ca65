// Shared pieces of the store suite: the fixture that opens a fresh database on the backend under
// test, the tables the tests write to, and helpers that turn a failed Result into a test failure.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "store/database.h"
#include "store/dialect.h"
#include "support/test_database.h"

namespace concord::store {

// Printed as the Value's alternative, so that failed comparisons read well.
inline void PrintTo(const Blob& blob, std::ostream* out) {
  *out << "Blob(" << blob.bytes.size() << " bytes)";
}

}  // namespace concord::store

namespace concord::testing {

// The value of a Result that must have succeeded; throws (failing the test) with its message.
template <typename T>
T ok_value(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.error().message);
  return std::move(result).value();
}

inline void ok_value(Result<void> result) {
  if (!result.ok()) throw std::runtime_error(result.error().message);
}

#define EXPECT_OK(expr)                                                       \
  do {                                                                        \
    auto&& expect_ok_result_ = (expr);                                        \
    EXPECT_TRUE(expect_ok_result_.ok()) << expect_ok_result_.error().message; \
  } while (false)

#define ASSERT_OK(expr)                                                       \
  do {                                                                        \
    auto&& assert_ok_result_ = (expr);                                        \
    ASSERT_TRUE(assert_ok_result_.ok()) << assert_ok_result_.error().message; \
  } while (false)

// Tables for the tests, written once for both dialects like a migration.
inline constexpr const char* test_schema = R"sql(
CREATE TABLE owner (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE item (
  id {{sequence_key}},
  owner_id INTEGER REFERENCES owner (id),
  label TEXT NOT NULL,
  quantity INTEGER CHECK (quantity >= 0)
);
CREATE TABLE value_types (
  id INTEGER PRIMARY KEY,
  i BIGINT,
  r DOUBLE PRECISION,
  t TEXT,
  b {{blob}}
);
)sql";

inline std::string backend_name(const ::testing::TestParamInfo<store::Backend>& info) {
  return std::string(store::to_string(info.param));
}

// Opens a fresh, empty database on the backend under test, with the test tables.
class StoreTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    url_ = fresh_database_url(GetParam());
    db_ = ok_value(store::open_database(url_, options()));
    ok_value(store::in_transaction(*db_, store::TransactionMode::read_write,
                                   [](store::Transaction& transaction) {
                                     return transaction.execute_script(
                                         store::apply_dialect(test_schema, transaction.backend()));
                                   }));
  }

  virtual store::DatabaseOptions options() const { return {}; }

  store::Database& db() { return *db_; }

  // Runs one statement in its own read_write transaction.
  Result<std::int64_t> execute(const std::string& sql,
                               const std::vector<store::Value>& params = {}) {
    return store::in_transaction(
        db(), store::TransactionMode::read_write,
        [&](store::Transaction& transaction) { return transaction.execute(sql, params); });
  }

  // Runs one query in its own read_only transaction.
  Result<store::QueryResult> query(const std::string& sql,
                                   const std::vector<store::Value>& params = {}) {
    return store::in_transaction(
        db(), store::TransactionMode::read_only,
        [&](store::Transaction& transaction) { return transaction.query(sql, params); });
  }

  std::int64_t count(const std::string& table) {
    return ok_value(query("SELECT COUNT(*) FROM " + table)).rows.at(0).integer(0);
  }

  std::string url_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace concord::testing
