// Database: the backend-independent parts, and open_database choosing a backend by URL scheme.
#include "store/database.h"

#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace concord::store {

std::string_view to_string(Backend backend) {
  switch (backend) {
    case Backend::sqlite:
      return "sqlite";
    case Backend::postgres:
      return "postgresql";
  }
  return "unknown";
}

Result<std::int64_t> Transaction::execute(std::string_view sql, const std::vector<Value>& params) {
  CONCORD_ASSIGN_OR_RETURN(QueryResult result, query(sql, params));
  return result.rows_affected;
}

Result<std::unique_ptr<Database>> open_database(const std::string& url,
                                                const DatabaseOptions& options) {
  if (options.pool_size < 1) return Error::invalid("pool_size", "pool_size must be at least 1");
  if (options.busy_timeout_ms < 0 || options.acquire_timeout_ms < 0) {
    return Error::invalid("busy_timeout_ms", "timeouts must not be negative");
  }
  constexpr std::string_view sqlite_scheme = "sqlite:";
  if (url.starts_with(sqlite_scheme)) {
    return open_sqlite_database(url.substr(sqlite_scheme.size()), options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres_database(url, options);
  }
  // The URL may hold a password, so it is not repeated in the message.
  return Error::invalid("url",
                        "database URL must start with sqlite:, postgresql:// or postgres://");
}

}  // namespace concord::store
