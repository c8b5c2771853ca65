// Migrations: applies the embedded migrations in order, each with its schema_migrations row in one
// transaction. On PostgreSQL a transaction-scoped advisory lock makes concurrent migrate() calls
// from several processes take turns; on SQLite BEGIN IMMEDIATE already does.
#include "store/migrations.h"

#include <string>

#include "core/clock.h"
#include "store/advisory_locks.h"
#include "store/dialect.h"

namespace concord::store {
namespace {

Result<void> lock_migrations(Transaction& transaction) {
  if (transaction.backend() != Backend::postgres) return ok();
  CONCORD_TRY(transaction.query("SELECT pg_advisory_xact_lock($1)", {advisory_lock::migrations}));
  return ok();
}

Result<int> current_version(Transaction& transaction) {
  const char* exists_sql =
      transaction.backend() == Backend::sqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
          : "SELECT to_regclass('schema_migrations') IS NOT NULL";
  CONCORD_ASSIGN_OR_RETURN(QueryResult exists, transaction.query(exists_sql));
  if (exists.rows.at(0).integer(0) == 0) return 0;
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult version,
      transaction.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return static_cast<int>(version.rows.at(0).integer(0));
}

Result<void> check_order(const std::vector<Migration>& migrations) {
  int previous = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= previous) {
      return Error::internal("migration versions are not strictly increasing at " +
                             std::to_string(migration.version));
    }
    previous = migration.version;
  }
  return ok();
}

Error in_migration(const Migration& migration, Error error) {
  error.message = "migration " + std::to_string(migration.version) + " (" + migration.name +
                  ") failed: " + error.message;
  return error;
}

}  // namespace

Result<int> schema_version(Database& db) {
  return in_transaction(db, TransactionMode::read_only,
                        [](Transaction& transaction) { return current_version(transaction); });
}

Result<int> migrate(Database& db, const std::function<void(const Migration&)>& progress) {
  const std::vector<Migration>& migrations = all_migrations();
  CONCORD_TRY(check_order(migrations));
  const int latest = migrations.empty() ? 0 : migrations.back().version;

  CONCORD_ASSIGN_OR_RETURN(int version, schema_version(db));
  if (version > latest) {
    // Running older code against a newer schema could write rows the schema no longer means.
    return Error{ErrorCode::conflict,
                 "the database schema is at version " + std::to_string(version) +
                     ", newer than this build knows (" + std::to_string(latest) +
                     "); run a newer concord",
                 {}};
  }
  if (version == latest) return version;

  auto created =
      in_transaction(db, TransactionMode::read_write, [](Transaction& transaction) -> Result<void> {
        CONCORD_TRY(lock_migrations(transaction));
        return transaction.execute_script(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)");
      });
  if (!created.ok()) return std::move(created).error();

  SystemClock clock;
  for (const Migration& migration : migrations) {
    if (migration.version <= version) continue;
    auto applied = in_transaction(
        db, TransactionMode::read_write, [&](Transaction& transaction) -> Result<int> {
          CONCORD_TRY(lock_migrations(transaction));
          // Another process may have applied it while we waited for the lock.
          CONCORD_ASSIGN_OR_RETURN(int current, current_version(transaction));
          if (current >= migration.version) return current;
          if (progress) progress(migration);
          CONCORD_TRY(
              transaction.execute_script(apply_dialect(migration.sql, transaction.backend())));
          CONCORD_TRY(transaction.execute(
              "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
              {std::int64_t{migration.version}, migration.name, format_iso8601(clock.now())}));
          return migration.version;
        });
    if (!applied.ok()) return in_migration(migration, std::move(applied).error());
    version = *applied;
  }
  return version;
}

}  // namespace concord::store
