// ChangeFeed: the ordered log of every write that other nodes must see. Each area appends to it
// inside the same transaction as its write; the marking index, notifications and cross-checks
// follow it from a position.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace concord::store {

struct Change {
  std::int64_t position = 0;  // assigned by append; strictly increasing in commit order
  std::string recorded_at;    // ISO 8601 UTC
  std::string area;           // "directory"
  std::string entity;         // "organisation"
  std::string entity_id;      // the record's id
  std::string action;         // "created", "updated", "deleted"
  std::string payload;        // JSON text: what a follower needs without another read
};

// Appends `change` (its position is ignored) and returns the position assigned. On PostgreSQL it
// takes a transaction-scoped advisory lock first, so that positions become visible in order and a
// follower reading "after N" never skips a row committed late. That lock is held until the
// transaction ends and serialises every appending transaction, so append last, just before
// commit. An empty recorded_at is filled with the current UTC time.
Result<std::int64_t> append_change(Transaction& transaction, const Change& change);

// Appends `changes` in order, as append_change would one by one, but with one lock and few
// statements: for bulk writes (an import of thousands of records). The same rule applies: append
// last, just before commit.
Result<void> append_changes(Transaction& transaction, const std::vector<Change>& changes);

// Changes with position > `after`, oldest first, at most `limit` (invalid_argument if negative).
// Each call sees a prefix of the feed: a later call never returns a position below one an
// earlier call returned. Positions may have gaps (rolled-back appends).
Result<std::vector<Change>> read_changes(Database& db, std::int64_t after, int limit);

// The highest position written so far (0 when empty).
Result<std::int64_t> latest_change_position(Database& db);

}  // namespace concord::store
