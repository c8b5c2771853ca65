// Database: the one storage interface every area uses, with an embedded SQLite backend (sqlite/)
// and a PostgreSQL backend (postgres/). SQL is always parameterised: `$1`, `$2`, ... in both.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/result.h"

namespace concord::store {

enum class Backend { sqlite, postgres };
std::string_view to_string(Backend backend);

struct Blob {
  std::vector<unsigned char> bytes;
  bool operator==(const Blob&) const = default;
};

// A parameter or a column value. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

// One row of a result. Accessors are for columns the caller selected, so a type mismatch is a
// programmer error (it throws std::logic_error naming the column); NULL reads as 0, "" or nullopt.
// integer() and real() also read decimal text, because PostgreSQL answers NUMERIC (SUM of a
// BIGINT, for one) as text where SQLite answers a number.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  const Value& operator[](size_t column) const { return values_.at(column); }
  bool is_null(size_t column) const;
  std::int64_t integer(size_t column) const;
  double real(size_t column) const;
  std::string text(size_t column) const;
  std::optional<std::string> optional_text(size_t column) const;
  std::optional<std::int64_t> optional_integer(size_t column) const;
  const Blob& blob(size_t column) const;

 private:
  std::vector<Value> values_;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t rows_affected = 0;  // for INSERT, UPDATE and DELETE
};

enum class TransactionMode { read_only, read_write };

// A transaction on one connection. Not thread-safe: one thread uses it at a time.
// Destroying it without commit() rolls it back. Errors map database failures to ErrorCode:
// unique violations to already_exists, foreign-key and check violations to conflict, lost
// connections to unavailable, anything else to internal.
// After any failed statement the transaction is aborted on both backends (PostgreSQL's rule):
// later statements and commit() fail, and it must be rolled back. Expected duplicates are handled
// in SQL (INSERT ... ON CONFLICT), not by catching already_exists and carrying on.
// A writing statement in a read_only transaction fails with ErrorCode::internal (a programmer
// error). The Database must outlive its transactions.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Backend backend() const = 0;

  // Runs one statement with `$n` parameters and returns its rows.
  virtual Result<QueryResult> query(std::string_view sql,
                                    const std::vector<Value>& params = {}) = 0;

  // Runs one statement with `$n` parameters and returns the number of rows it changed.
  Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params = {});

  // Runs several statements without parameters (migrations only).
  virtual Result<void> execute_script(std::string_view sql) = 0;

  // Makes every change durable (SQLite synchronous=FULL; PostgreSQL synchronous_commit on)
  // before returning. After a failed commit the transaction is rolled back.
  virtual Result<void> commit() = 0;
};

// A pool of connections to one database. Thread-safe: begin() may be called from any thread,
// blocking while every connection is in use.
class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;
  virtual Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) = 0;
  // Checks that the database answers (for /readyz).
  virtual Result<void> ping() = 0;
};

struct DatabaseOptions {
  int pool_size = 8;
  int busy_timeout_ms = 5000;  // SQLite: how long a writer waits for the lock
  // How long begin() waits for a free connection before failing with unavailable.
  int acquire_timeout_ms = 30000;
};

// Opens "sqlite:PATH" (creating the file and its directory) or "postgresql://..." / "postgres://".
Result<std::unique_ptr<Database>> open_database(const std::string& url,
                                                const DatabaseOptions& options = {});

// Runs `work(Transaction&)` in a transaction and commits when it succeeds. `work` returns a
// Result<T>; so does this. Used by every service so that an answer is only given after commit.
template <typename Work>
auto in_transaction(Database& db, TransactionMode mode, Work&& work)
    -> std::invoke_result_t<Work, Transaction&> {
  auto transaction = db.begin(mode);
  if (!transaction.ok()) return std::move(transaction).error();
  auto result = work(**transaction);
  if (!result.ok()) return result;  // the destructor rolls back
  auto committed = (*transaction)->commit();
  if (!committed.ok()) return std::move(committed).error();
  return result;
}

}  // namespace concord::store
