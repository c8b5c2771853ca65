// PostgreSQL backend: libpq connections, transactions and the mapping of SQLSTATEs to ErrorCode.
#include "store/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/abort_rule.h"
#include "store/connection_pool.h"

namespace concord::store {
namespace {

// Type OIDs from PostgreSQL's pg_type.dat; stable across versions.
constexpr Oid bool_oid = 16;
constexpr Oid bytea_oid = 17;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid oid_oid = 26;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;

struct ConnectionDeleter {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionDeleter>;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// libpq ends its messages with a newline.
std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

std::string_view field(const PGresult* result, int code) {
  const char* value = result != nullptr ? PQresultErrorField(result, code) : nullptr;
  return value != nullptr ? value : "";
}

Error postgres_error(PGconn* connection, const PGresult* result, std::string_view doing) {
  std::string_view sqlstate = field(result, PG_DIAG_SQLSTATE);
  std::string message(field(result, PG_DIAG_MESSAGE_PRIMARY));
  if (message.empty()) message = trimmed(PQerrorMessage(connection));

  ErrorCode code = ErrorCode::internal;
  if (PQstatus(connection) == CONNECTION_BAD ||
      (sqlstate.starts_with("08") && sqlstate != "08P01") || sqlstate.starts_with("57P")) {
    // Connection exceptions, and the server shutting down or terminating us. 08P01 (protocol
    // violation) is how the server answers a wrong parameter count: our bug, not an outage.
    code = ErrorCode::unavailable;
    message = "connection to PostgreSQL lost: " + message;
  } else if (sqlstate == "23505") {
    code = ErrorCode::already_exists;
  } else if (sqlstate == "23503" || sqlstate == "23514" || sqlstate == "23502") {
    code = ErrorCode::conflict;
  } else if (sqlstate == "40001" || sqlstate == "40P01") {
    code = ErrorCode::conflict;
    message = "retry: " + message;
  }

  std::string text(doing);
  text += ": ";
  text += message;
  // The constraint name tells which rule failed without echoing the offending values (DETAIL).
  if (std::string_view constraint = field(result, PG_DIAG_CONSTRAINT_NAME); !constraint.empty()) {
    text += " (constraint ";
    text += constraint;
    text += ")";
  }
  if (!sqlstate.empty()) {
    text += " [SQLSTATE ";
    text += sqlstate;
    text += "]";
  }
  return Error{code, std::move(text), {}};
}

bool succeeded(const PGresult* result) {
  ExecStatusType status = PQresultStatus(result);
  return result != nullptr && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK);
}

void ignore_notice(void*, const char*) {}

Result<ConnectionPtr> connect(const std::string& url) {
  // Keywords before dbname are defaults that the URL (expanded in place of dbname) may override.
  const char* const keywords[] = {"application_name", "client_encoding", "connect_timeout",
                                  "dbname", nullptr};
  const char* const values[] = {"concord", "UTF8", "10", url.c_str(), nullptr};
  ConnectionPtr connection(PQconnectdbParams(keywords, values, 1));
  if (connection == nullptr) return Error::unavailable("cannot allocate a PostgreSQL connection");
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    // libpq's message names host and port but never the password.
    return Error::unavailable("cannot connect to PostgreSQL: " +
                              trimmed(PQerrorMessage(connection.get())));
  }
  // Notices ("relation already exists, skipping") would otherwise go to stderr.
  PQsetNoticeProcessor(connection.get(), ignore_notice, nullptr);
  return connection;
}

// One libpq connection. Used by one thread at a time.
class PostgresConnection {
 public:
  explicit PostgresConnection(ConnectionPtr connection) : connection_(std::move(connection)) {}

  PGconn* handle() const { return connection_.get(); }

  ResultPtr exec(const char* sql) { return ResultPtr(PQexec(connection_.get(), sql)); }

  // Makes the connection usable again after the server went away; false if it is still down.
  bool reset() {
    PQreset(connection_.get());
    if (PQstatus(connection_.get()) != CONNECTION_OK) return false;
    PQsetNoticeProcessor(connection_.get(), ignore_notice, nullptr);
    return true;
  }

 private:
  ConnectionPtr connection_;
};

using Pool = ConnectionPool<PostgresConnection>;

std::string real_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  // Shortest text that reads back as the same double.
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

Result<Value> column_value(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return Value{};
  const char* text = PQgetvalue(result, row, column);
  const auto size = static_cast<size_t>(PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid: {
      std::int64_t value = 0;
      auto [end, error] = std::from_chars(text, text + size, value);
      if (error != std::errc() || end != text + size) break;
      return Value{value};
    }
    case bool_oid:
      return Value{std::int64_t{text[0] == 't' ? 1 : 0}};
    case float4_oid:
    case float8_oid: {
      double value = 0.0;
      auto [end, error] = std::from_chars(text, text + size, value);
      if (error != std::errc() || end != text + size) break;
      return Value{value};
    }
    case bytea_oid: {
      size_t length = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
      if (bytes == nullptr) return Error::internal("cannot decode a bytea value");
      Blob blob{std::vector<unsigned char>(bytes, bytes + length)};
      PQfreemem(bytes);
      return Value{std::move(blob)};
    }
    default:
      return Value{std::string(text, size)};
  }
  return Error::internal("cannot read column " + std::string(PQfname(result, column)) + " value '" +
                         std::string(text, size) + "' as a number");
}

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The highest $N that `sql` refers to, skipping literals, quoted identifiers and comments. The
// server accepts surplus parameters once their types are given, so the count is checked here,
// as the SQLite backend does.
int highest_parameter(std::string_view sql) {
  int highest = 0;
  size_t i = 0;
  auto skip_past = [&](std::string_view end) {
    size_t found = sql.find(end, i);
    i = found == std::string_view::npos ? sql.size() : found + end.size();
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // '' and "" inside a literal read as two adjacent literals: the same result.
      bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
      for (++i; i < sql.size() && sql[i] != c; ++i) {
        if (escapes && sql[i] == '\\') ++i;
      }
      ++i;
    } else if (sql.substr(i).starts_with("--")) {
      skip_past("\n");
    } else if (sql.substr(i).starts_with("/*")) {
      i += 2;
      skip_past("*/");
    } else if (c == '$' && (i == 0 || !identifier_char(sql[i - 1]))) {
      size_t end = i + 1;
      if (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') {
        int number = 0;
        for (; end < sql.size() && sql[end] >= '0' && sql[end] <= '9'; ++end) {
          number = number * 10 + (sql[end] - '0');
        }
        highest = std::max(highest, number);
        i = end;
      } else {
        while (end < sql.size() && identifier_char(sql[end]))
          ++end;
        if (end < sql.size() && sql[end] == '$') {  // $tag$ ... $tag$
          std::string_view tag = sql.substr(i, end - i + 1);
          i = end + 1;
          skip_past(tag);
        } else {
          i = end;
        }
      }
    } else if (identifier_char(c)) {
      while (i < sql.size() && (identifier_char(sql[i]) || sql[i] == '$'))
        ++i;
    } else {
      ++i;
    }
  }
  return highest;
}

bool changes_rows(std::string_view command) {
  return command.starts_with("INSERT") || command.starts_with("UPDATE") ||
         command.starts_with("DELETE") || command.starts_with("MERGE");
}

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(Pool::Lease lease, TransactionMode mode)
      : lease_(std::move(lease)), mode_(mode) {}
  PostgresTransaction(const PostgresTransaction&) = delete;
  PostgresTransaction& operator=(const PostgresTransaction&) = delete;
  ~PostgresTransaction() override {
    if (lease_) rollback();
  }

  Backend backend() const override { return Backend::postgres; }

  Result<QueryResult> query(std::string_view sql, const std::vector<Value>& params) override {
    CONCORD_TRY(aborts_.check(!lease_));
    const size_t count = params.size();
    if (int highest = highest_parameter(sql); static_cast<size_t>(highest) < count) {
      return aborts_.record(Error::internal("the statement takes " + std::to_string(highest) +
                                            " parameter(s) but " + std::to_string(count) +
                                            " were given"));
    }
    std::vector<const char*> values(count, nullptr);
    std::vector<int> lengths(count, 0);
    std::vector<int> formats(count, 0);
    std::vector<Oid> types(count, 0);  // 0: the server infers the type from the context
    std::vector<std::string> numbers(count);
    static const char empty_bytes[] = "";  // a non-null pointer: null would mean SQL NULL
    for (size_t i = 0; i < count; ++i) {
      const Value& param = params[i];
      if (const auto* integer = std::get_if<std::int64_t>(&param)) {
        numbers[i] = std::to_string(*integer);
        values[i] = numbers[i].c_str();
        types[i] = int8_oid;
      } else if (const auto* real = std::get_if<double>(&param)) {
        numbers[i] = real_text(*real);
        values[i] = numbers[i].c_str();
        types[i] = float8_oid;
      } else if (const auto* text = std::get_if<std::string>(&param)) {
        if (text->find('\0') != std::string::npos) {
          return aborts_.record(Error::invalid(
              "", "text parameter $" + std::to_string(i + 1) + " contains a NUL character"));
        }
        // Untyped, so that text can fill a TEXT, NUMERIC or TIMESTAMP column alike.
        values[i] = text->c_str();
      } else if (const auto* blob = std::get_if<Blob>(&param)) {
        values[i] =
            blob->bytes.empty() ? empty_bytes : reinterpret_cast<const char*>(blob->bytes.data());
        lengths[i] = static_cast<int>(blob->bytes.size());
        formats[i] = 1;  // binary: the bytes as they are, no escaping
        types[i] = bytea_oid;
      }
    }
    PGconn* connection = (*lease_)->handle();
    ResultPtr result(PQexecParams(connection, std::string(sql).c_str(), static_cast<int>(count),
                                  types.data(), values.data(), lengths.data(), formats.data(), 0));
    if (!succeeded(result.get())) {
      return aborts_.record(postgres_error(connection, result.get(), "running a statement"));
    }

    QueryResult out;
    const int columns = PQnfields(result.get());
    const int rows = PQntuples(result.get());
    out.columns.reserve(static_cast<size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      out.columns.emplace_back(PQfname(result.get(), column));
    }
    out.rows.reserve(static_cast<size_t>(rows));
    for (int row = 0; row < rows; ++row) {
      std::vector<Value> row_values;
      row_values.reserve(static_cast<size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        auto value = column_value(result.get(), row, column);
        if (!value.ok()) return aborts_.record(std::move(value).error());
        row_values.push_back(std::move(value).value());
      }
      out.rows.emplace_back(std::move(row_values));
    }
    // PQcmdTuples also counts SELECT rows; rows_affected is for writes only, as on SQLite.
    if (changes_rows(PQcmdStatus(result.get()))) {
      std::string_view tuples = PQcmdTuples(result.get());
      std::from_chars(tuples.data(), tuples.data() + tuples.size(), out.rows_affected);
    }
    return out;
  }

  Result<void> execute_script(std::string_view sql) override {
    CONCORD_TRY(aborts_.check(!lease_));
    if (mode_ == TransactionMode::read_only) {
      return aborts_.record(Error::internal("a read_only transaction cannot run a script"));
    }
    // PQexec (the simple protocol) accepts several statements; PQexecParams does not.
    ResultPtr result = (*lease_)->exec(std::string(sql).c_str());
    if (!succeeded(result.get())) {
      return aborts_.record(postgres_error((*lease_)->handle(), result.get(), "running a script"));
    }
    return ok();
  }

  Result<void> commit() override {
    CONCORD_TRY(aborts_.check(!lease_));
    ResultPtr result = (*lease_)->exec("COMMIT");
    if (!succeeded(result.get())) {
      Error error = postgres_error((*lease_)->handle(), result.get(), "committing");
      if (error.code == ErrorCode::unavailable) {
        error.message += "; whether the transaction committed is unknown";
      }
      rollback();
      return error;
    }
    // COMMIT of a transaction the server already aborted answers ROLLBACK, not an error.
    if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
      end();
      return Error{ErrorCode::conflict, "the server rolled the transaction back", {}};
    }
    end();
    return ok();
  }

 private:
  void rollback() {
    PGconn* connection = (*lease_)->handle();
    // A broken connection goes back as it is; begin() resets it before its next use.
    if (PQstatus(connection) == CONNECTION_OK && PQtransactionStatus(connection) != PQTRANS_IDLE) {
      ResultPtr result = (*lease_)->exec("ROLLBACK");
      if (PQstatus(connection) == CONNECTION_OK &&
          PQtransactionStatus(connection) != PQTRANS_IDLE) {
        lease_->discard();  // neither usable nor broken: do not lend it out again
      }
    }
    end();
  }

  // Gives the connection back as soon as the transaction ends, not when the object is destroyed.
  void end() { lease_.reset(); }

  std::optional<Pool::Lease> lease_;  // empty once the transaction has ended
  const TransactionMode mode_;
  AbortRule aborts_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, const DatabaseOptions& options)
      : pool_(options.pool_size, std::chrono::milliseconds(options.acquire_timeout_ms),
              [url = std::move(url)]() -> Result<std::unique_ptr<PostgresConnection>> {
                CONCORD_ASSIGN_OR_RETURN(ConnectionPtr connection, connect(url));
                return std::make_unique<PostgresConnection>(std::move(connection));
              }) {}

  Backend backend() const override { return Backend::postgres; }

  void add(std::unique_ptr<PostgresConnection> connection) { pool_.add(std::move(connection)); }

  Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) override {
    CONCORD_ASSIGN_OR_RETURN(Pool::Lease lease, pool_.acquire());
    if (PQstatus(lease->handle()) != CONNECTION_OK && !lease->reset()) {
      return Error::unavailable("cannot reconnect to PostgreSQL: " +
                                trimmed(PQerrorMessage(lease->handle())));
    }
    const char* sql = mode == TransactionMode::read_only ? "BEGIN READ ONLY" : "BEGIN";
    ResultPtr result = lease->exec(sql);
    if (!succeeded(result.get()) && PQstatus(lease->handle()) == CONNECTION_BAD) {
      // The server dropped the connection while it sat idle (a restart, a failover,
      // pg_terminate_backend): nothing of ours was lost, so reconnect and try once more.
      if (lease->reset()) result = lease->exec(sql);
    }
    if (!succeeded(result.get())) {
      return postgres_error(lease->handle(), result.get(), "beginning a transaction");
    }
    return std::unique_ptr<Transaction>(
        std::make_unique<PostgresTransaction>(std::move(lease), mode));
  }

  Result<void> ping() override {
    auto answered = in_transaction(*this, TransactionMode::read_only,
                                   [](Transaction& transaction) -> Result<void> {
                                     CONCORD_TRY(transaction.query("SELECT 1"));
                                     return ok();
                                   });
    if (!answered.ok()) return std::move(answered).error();
    return ok();
  }

 private:
  Pool pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url,
                                                         const DatabaseOptions& options) {
  // One connection now, so that a wrong URL or a server that is down fails here.
  CONCORD_ASSIGN_OR_RETURN(ConnectionPtr first, connect(url));
  auto db = std::make_unique<PostgresDatabase>(url, options);
  db->add(std::make_unique<PostgresConnection>(std::move(first)));
  return std::unique_ptr<Database>(std::move(db));
}

Result<void> execute_outside_transaction(const std::string& url, std::string_view sql) {
  CONCORD_ASSIGN_OR_RETURN(ConnectionPtr connection, connect(url));
  ResultPtr result(PQexec(connection.get(), std::string(sql).c_str()));
  if (!succeeded(result.get())) {
    return postgres_error(connection.get(), result.get(), "running an administrative statement");
  }
  return ok();
}

}  // namespace concord::store
