// ChangeFeed: append and read the change_feed table created by migration 0001.
#include "store/change_feed.h"

#include <algorithm>

#include "core/clock.h"
#include "store/advisory_locks.h"

namespace concord::store {

Result<std::int64_t> append_change(Transaction& transaction, const Change& change) {
  if (transaction.backend() == Backend::postgres) {
    // Identity values are handed out at INSERT but become visible at COMMIT, so without this
    // lock position 8 could commit before position 7 and a follower that has read 8 would never
    // see 7. Held until commit, it makes appending transactions commit in position order.
    // (SQLite needs nothing: BEGIN IMMEDIATE admits one writer at a time.)
    CONCORD_TRY(
        transaction.query("SELECT pg_advisory_xact_lock($1)", {advisory_lock::change_feed}));
  }
  std::string recorded_at =
      change.recorded_at.empty() ? format_iso8601(SystemClock().now()) : change.recorded_at;
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult inserted,
      transaction.query("INSERT INTO change_feed (recorded_at, area, entity, entity_id, action, "
                        "payload) VALUES ($1, $2, $3, $4, $5, $6) RETURNING position",
                        {std::move(recorded_at), change.area, change.entity, change.entity_id,
                         change.action, change.payload}));
  if (inserted.rows.size() != 1) return Error::internal("change_feed insert returned no position");
  return inserted.rows[0].integer(0);
}

Result<void> append_changes(Transaction& transaction, const std::vector<Change>& changes) {
  if (changes.empty()) return ok();
  // SQLite runs in-process and binds parameters by name at a cost that grows with their number,
  // so one cached single-row statement per change is fastest there.
  if (transaction.backend() == Backend::sqlite) {
    for (const Change& change : changes)
      CONCORD_TRY(append_change(transaction, change));
    return ok();
  }
  // On PostgreSQL each statement is a round trip: many rows per INSERT, whose VALUES are
  // numbered in the order given (6 parameters a row, far below the limit of 65535).
  CONCORD_TRY(transaction.query("SELECT pg_advisory_xact_lock($1)", {advisory_lock::change_feed}));
  constexpr std::size_t kRowsPerStatement = 500;
  const std::string now = format_iso8601(SystemClock().now());
  std::vector<Value> params;
  for (std::size_t first = 0; first < changes.size(); first += kRowsPerStatement) {
    const std::size_t count = std::min(kRowsPerStatement, changes.size() - first);
    std::string sql =
        "INSERT INTO change_feed (recorded_at, area, entity, entity_id, action, payload) VALUES ";
    params.clear();
    params.reserve(count * 6);
    for (std::size_t i = first; i < first + count; ++i) {
      const Change& change = changes[i];
      const std::size_t base = params.size();
      if (i > first) sql += ", ";
      sql += "(";
      for (std::size_t column = 1; column <= 6; ++column) {
        if (column > 1) sql += ", ";
        sql += "$" + std::to_string(base + column);
      }
      sql += ")";
      params.emplace_back(change.recorded_at.empty() ? now : change.recorded_at);
      params.emplace_back(change.area);
      params.emplace_back(change.entity);
      params.emplace_back(change.entity_id);
      params.emplace_back(change.action);
      params.emplace_back(change.payload);
    }
    CONCORD_TRY(transaction.execute(sql, params));
  }
  return ok();
}

Result<std::vector<Change>> read_changes(Database& db, std::int64_t after, int limit) {
  if (limit < 0) return Error::invalid("limit", "limit must not be negative");
  if (limit == 0) return std::vector<Change>{};
  return in_transaction(
      db, TransactionMode::read_only, [&](Transaction& transaction) -> Result<std::vector<Change>> {
        CONCORD_ASSIGN_OR_RETURN(
            QueryResult result,
            transaction.query("SELECT position, recorded_at, area, entity, entity_id, action, "
                              "payload FROM change_feed WHERE position > $1 "
                              "ORDER BY position LIMIT $2",
                              {after, std::int64_t{limit}}));
        std::vector<Change> changes;
        changes.reserve(result.rows.size());
        for (const Row& row : result.rows) {
          changes.push_back(Change{row.integer(0), row.text(1), row.text(2), row.text(3),
                                   row.text(4), row.text(5), row.text(6)});
        }
        return changes;
      });
}

Result<std::int64_t> latest_change_position(Database& db) {
  return in_transaction(
      db, TransactionMode::read_only, [](Transaction& transaction) -> Result<std::int64_t> {
        CONCORD_ASSIGN_OR_RETURN(
            QueryResult result,
            transaction.query("SELECT COALESCE(MAX(position), 0) FROM change_feed"));
        return result.rows.at(0).integer(0);
      });
}

}  // namespace concord::store
