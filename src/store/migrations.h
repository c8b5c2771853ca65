// Migrations: the numbered schema changes, applied in order, each in its own transaction.
// The SQL lives in src/store/migrations/NNNN_name.sql and is compiled into the binary.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/database.h"

namespace concord::store {

struct Migration {
  int version = 0;   // NNNN from the file name; strictly increasing
  std::string name;  // the rest of the file name
  std::string sql;   // with dialect placeholders (see dialect.h)
};

// Every migration compiled into this binary, in version order.
const std::vector<Migration>& all_migrations();

// The highest applied version; 0 for an empty database.
Result<int> schema_version(Database& db);

// Applies every migration above the current version, calling `progress` before each one.
// Returns the resulting version. A failed migration is rolled back and stops the run.
Result<int> migrate(Database& db, const std::function<void(const Migration&)>& progress = {});

}  // namespace concord::store
