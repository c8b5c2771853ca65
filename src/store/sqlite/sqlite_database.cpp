// SQLite backend: connections, transactions and the mapping of SQLite failures to ErrorCode.
#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/abort_rule.h"
#include "store/connection_pool.h"

namespace concord::store {
namespace {

Error sqlite_error(int code, std::string_view message, std::string_view doing) {
  ErrorCode error_code = ErrorCode::internal;
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      error_code = ErrorCode::already_exists;
      break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      error_code = ErrorCode::conflict;
      break;
    default:
      // Every BUSY and LOCKED variant: another connection held the lock past the busy timeout.
      if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
        error_code = ErrorCode::unavailable;
      }
      break;
  }
  std::string text(doing);
  text += ": ";
  text += message;
  text += " (";
  text += sqlite3_errstr(code);
  text += ")";
  return Error{error_code, std::move(text), {}};
}

Error sqlite_error(sqlite3* db, int code, std::string_view doing) {
  return sqlite_error(code, sqlite3_errmsg(db), doing);
}

struct StatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

struct HandleDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

bool only_separators(std::string_view text) {
  return text.find_first_not_of(" \t\r\n;") == std::string_view::npos;
}

// One open database handle with its prepared statements. Used by one thread at a time.
class SqliteConnection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path,
                                                        int busy_timeout_ms) {
    auto connection = std::make_unique<SqliteConnection>();
    sqlite3* raw = nullptr;
    // NOMUTEX: the pool never shares a connection between threads at once.
    int code = sqlite3_open_v2(
        path.c_str(), &raw,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
        nullptr);
    connection->db_.reset(raw);  // closed on every path, failed opens included
    if (code != SQLITE_OK) {
      std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(code);
      return Error::unavailable("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, busy_timeout_ms);

    // journal_mode is stored in the file; the others hold per connection.
    CONCORD_ASSIGN_OR_RETURN(std::string mode, connection->pragma_text("PRAGMA journal_mode=WAL"));
    if (mode != "wal") {
      return Error::unavailable("SQLite database " + path + " cannot use WAL mode (journal_mode " +
                                mode + "); it must be a file on a local file system");
    }
    CONCORD_TRY(connection->exec("PRAGMA synchronous=FULL", "setting synchronous"));
    CONCORD_TRY(connection->exec("PRAGMA foreign_keys=ON", "enabling foreign keys"));
    return connection;
  }

  sqlite3* handle() const { return db_.get(); }

  // Makes the connection refuse writes (PRAGMA query_only) for read_only transactions. The flag
  // belongs to the connection, so it is only touched when the mode changes.
  Result<void> set_query_only(bool query_only) {
    if (query_only == query_only_) return ok();
    CONCORD_TRY(
        exec(query_only ? "PRAGMA query_only=ON" : "PRAGMA query_only=OFF", "setting query_only"));
    query_only_ = query_only;
    return ok();
  }

  // Runs statements without parameters or results.
  Result<void> exec(const std::string& sql, std::string_view doing) {
    char* message = nullptr;
    int code = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
    if (code == SQLITE_OK) return ok();
    Error error = sqlite_error(sqlite3_extended_errcode(db_.get()),
                               message != nullptr ? message : sqlite3_errstr(code), doing);
    sqlite3_free(message);
    return error;
  }

  // A prepared statement for `sql`, reused across calls. Valid until the next prepare().
  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    std::string key(sql);
    if (auto found = statements_.find(key); found != statements_.end()) {
      return found->second.get();
    }
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int code = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    StatementPtr statement(raw);
    if (code != SQLITE_OK) return sqlite_error(db_.get(), code, "preparing a statement");
    if (statement == nullptr) return Error::internal("query() was given no SQL statement");
    if (!only_separators(sql.substr(static_cast<size_t>(tail - sql.data())))) {
      return Error::internal("query() runs one statement; use execute_script() for several");
    }
    // A bounded cache: services use a fixed set of statements, so this rarely triggers.
    if (statements_.size() >= max_cached_statements) statements_.clear();
    return statements_.emplace(std::move(key), std::move(statement)).first->second.get();
  }

 private:
  static constexpr size_t max_cached_statements = 200;

  Result<std::string> pragma_text(const char* sql) {
    CONCORD_ASSIGN_OR_RETURN(sqlite3_stmt * statement, prepare(sql));
    int code = sqlite3_step(statement);
    std::string value;
    if (code == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      if (text != nullptr) value = reinterpret_cast<const char*>(text);
      code = sqlite3_step(statement);
    }
    sqlite3_reset(statement);
    if (code != SQLITE_DONE) return sqlite_error(db_.get(), code, sql);
    return value;
  }

  // Declared first so that it is destroyed last, after the statements.
  std::unique_ptr<sqlite3, HandleDeleter> db_;
  std::unordered_map<std::string, StatementPtr> statements_;
  bool query_only_ = false;
};

using Pool = ConnectionPool<SqliteConnection>;

// The right to write, held for the life of a read_write transaction. A semaphore rather than a
// mutex because a transaction may end on another thread than the one that began it.
class WriterTurn {
 public:
  explicit WriterTurn(std::binary_semaphore& turn) : turn_(&turn) {}
  WriterTurn(WriterTurn&& other) noexcept : turn_(std::exchange(other.turn_, nullptr)) {}
  WriterTurn& operator=(WriterTurn&&) = delete;
  ~WriterTurn() {
    if (turn_ != nullptr) turn_->release();
  }

 private:
  std::binary_semaphore* turn_;
};

// Resets a statement after use so it holds no read lock and no parameter values.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* statement) : statement_(statement) {}
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;
  ~StatementReset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

 private:
  sqlite3_stmt* statement_;
};

Result<void> bind(sqlite3* db, sqlite3_stmt* statement, const std::vector<Value>& params) {
  int expected = sqlite3_bind_parameter_count(statement);
  if (expected != static_cast<int>(params.size())) {
    return Error::internal("the statement takes " + std::to_string(expected) +
                           " parameter(s) but " + std::to_string(params.size()) + " were given");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    std::string name = "$" + std::to_string(i + 1);
    int index = sqlite3_bind_parameter_index(statement, name.c_str());
    if (index == 0) {
      return Error::internal("the statement has no parameter " + name +
                             " (write parameters as $1, $2, ...)");
    }
    // SQLITE_STATIC: the values outlive the statement's use; StatementReset clears them after.
    int code = std::visit(
        [&](const auto& value) -> int {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return sqlite3_bind_null(statement, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(statement, index, value);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(statement, index, value);
          } else if constexpr (std::is_same_v<T, std::string>) {
            if (value.find('\0') != std::string::npos) return SQLITE_MISMATCH;
            return sqlite3_bind_text64(statement, index, value.data(), value.size(), SQLITE_STATIC,
                                       SQLITE_UTF8);
          } else {
            // A null pointer would bind NULL, so an empty blob binds as a zero-length blob.
            if (value.bytes.empty()) return sqlite3_bind_zeroblob(statement, index, 0);
            return sqlite3_bind_blob64(statement, index, value.bytes.data(), value.bytes.size(),
                                       SQLITE_STATIC);
          }
        },
        params[i]);
    if (code == SQLITE_MISMATCH) {
      // PostgreSQL cannot store NUL in text at all; refusing it here keeps the backends alike.
      return Error::invalid("", "text parameter " + name + " contains a NUL character");
    }
    if (code != SQLITE_OK) return sqlite_error(db, code, "binding " + name);
  }
  return ok();
}

Value column_value(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(statement, column)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    case SQLITE_TEXT: {
      const unsigned char* text = sqlite3_column_text(statement, column);
      int size = sqlite3_column_bytes(statement, column);
      return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
    }
    case SQLITE_BLOB: {
      const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(statement, column));
      int size = sqlite3_column_bytes(statement, column);
      if (bytes == nullptr) return Blob{};  // a zero-length blob
      return Blob{std::vector<unsigned char>(bytes, bytes + size)};
    }
    default:
      return std::monostate{};
  }
}

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(Pool::Lease lease, TransactionMode mode, std::optional<WriterTurn> turn)
      : lease_(std::move(lease)), mode_(mode), turn_(std::move(turn)) {}
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  ~SqliteTransaction() override {
    if (lease_) rollback();
  }

  Backend backend() const override { return Backend::sqlite; }

  Result<QueryResult> query(std::string_view sql, const std::vector<Value>& params) override {
    CONCORD_TRY(aborts_.check(!lease_));
    sqlite3* db = (*lease_)->handle();
    auto prepared = (*lease_)->prepare(sql);
    if (!prepared.ok()) return aborts_.record(std::move(prepared).error());
    sqlite3_stmt* statement = *prepared;
    StatementReset reset(statement);
    if (auto bound = bind(db, statement, params); !bound.ok()) {
      return aborts_.record(std::move(bound).error());
    }

    QueryResult result;
    int columns = sqlite3_column_count(statement);
    result.columns.reserve(static_cast<size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      result.columns.emplace_back(sqlite3_column_name(statement, column));
    }
    sqlite3_int64 changes_before = sqlite3_total_changes64(db);
    int code = SQLITE_OK;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<Value> values;
      values.reserve(static_cast<size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        values.push_back(column_value(statement, column));
      }
      result.rows.emplace_back(std::move(values));
    }
    if (code != SQLITE_DONE) {
      if ((code & 0xff) == SQLITE_READONLY && mode_ == TransactionMode::read_only) {
        return aborts_.record(sqlite_error(
            code, sqlite3_errmsg(db), "a read_only transaction cannot run a writing statement"));
      }
      return aborts_.record(sqlite_error(db, code, "running a statement"));
    }
    // sqlite3_changes64() keeps the count of the last INSERT, UPDATE or DELETE, so it is only
    // this statement's count when the total moved; otherwise (SELECT, DDL) nothing changed.
    if (sqlite3_total_changes64(db) != changes_before) result.rows_affected = sqlite3_changes64(db);
    return result;
  }

  Result<void> execute_script(std::string_view sql) override {
    CONCORD_TRY(aborts_.check(!lease_));
    if (mode_ == TransactionMode::read_only) {
      return aborts_.record(Error::internal("a read_only transaction cannot run a script"));
    }
    auto done = (*lease_)->exec(std::string(sql), "running a script");
    if (!done.ok()) return aborts_.record(std::move(done).error());
    return ok();
  }

  Result<void> commit() override {
    CONCORD_TRY(aborts_.check(!lease_));
    auto committed = (*lease_)->exec("COMMIT", "committing");
    if (!committed.ok()) {
      rollback();
      return committed;
    }
    end();
    return ok();
  }

 private:
  void rollback() {
    sqlite3* db = (*lease_)->handle();
    // SQLite rolls back by itself after some errors (a full disk, an I/O error).
    if (!sqlite3_get_autocommit(db)) {
      if (!(*lease_)->exec("ROLLBACK", "rolling back").ok()) {
        // A connection stuck in a transaction would block every writer; close it instead.
        lease_->discard();
      }
    }
    end();
  }

  // Gives back the connection and the writer's turn as soon as the transaction ends, not when
  // the object is destroyed.
  void end() {
    lease_.reset();
    turn_.reset();
  }

  std::optional<Pool::Lease> lease_;  // empty once the transaction has ended
  const TransactionMode mode_;
  std::optional<WriterTurn> turn_;  // held by read_write transactions
  AbortRule aborts_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const DatabaseOptions& options)
      : busy_timeout_(options.busy_timeout_ms),
        pool_(options.pool_size, std::chrono::milliseconds(options.acquire_timeout_ms),
              [path = std::move(path), busy = options.busy_timeout_ms] {
                return SqliteConnection::open(path, busy);
              }) {}

  Backend backend() const override { return Backend::sqlite; }

  void add(std::unique_ptr<SqliteConnection> connection) { pool_.add(std::move(connection)); }

  Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) override {
    // Writers of this process queue here, without holding a connection, rather than spinning in
    // SQLite's busy handler; writers in other processes are held off by BEGIN IMMEDIATE.
    std::optional<WriterTurn> turn;
    if (mode == TransactionMode::read_write) {
      if (!writer_turn_.try_acquire_for(busy_timeout_)) {
        return Error::unavailable("another transaction held the SQLite write lock for over " +
                                  std::to_string(busy_timeout_.count()) + " ms");
      }
      turn.emplace(writer_turn_);
    }
    CONCORD_ASSIGN_OR_RETURN(Pool::Lease lease, pool_.acquire());
    // IMMEDIATE takes the write lock now: a deferred transaction that reads and then writes fails
    // with SQLITE_BUSY at once if another writer committed in between.
    const char* sql = mode == TransactionMode::read_write ? "BEGIN IMMEDIATE" : "BEGIN";
    CONCORD_TRY(lease->set_query_only(mode == TransactionMode::read_only));
    CONCORD_TRY(lease->exec(sql, "beginning a transaction"));
    return std::unique_ptr<Transaction>(
        std::make_unique<SqliteTransaction>(std::move(lease), mode, std::move(turn)));
  }

  Result<void> ping() override {
    // Reads the schema, so the file itself must answer, not only the connection.
    auto answered = in_transaction(*this, TransactionMode::read_only, [](Transaction& transaction) {
      return transaction.execute("SELECT COUNT(*) FROM sqlite_master");
    });
    if (!answered.ok()) return std::move(answered).error();
    return ok();
  }

 private:
  const std::chrono::milliseconds busy_timeout_;
  std::binary_semaphore writer_turn_{1};
  Pool pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path,
                                                       const DatabaseOptions& options) {
  if (path.empty())
    return Error::invalid("url", "sqlite: needs a file path, as in sqlite:var/concord.db");
  std::filesystem::path file(path);
  if (file.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) {
      return Error::unavailable("cannot create directory " + file.parent_path().string() + ": " +
                                error.message());
    }
  }
  // One connection now, so that a bad path fails here rather than at the first request.
  CONCORD_ASSIGN_OR_RETURN(auto first, SqliteConnection::open(path, options.busy_timeout_ms));
  auto db = std::make_unique<SqliteDatabase>(path, options);
  db->add(std::move(first));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace concord::store
