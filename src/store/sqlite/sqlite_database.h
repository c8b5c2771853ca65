// The embedded SQLite backend of Database: one database file in WAL mode with synchronous=FULL
// and foreign keys on, served by a pool of connections so that readers run beside the writer.
//
// Writers are serialised: in this process by a semaphore, between processes by SQLite's own lock
// (BEGIN IMMEDIATE), each waiting at most busy_timeout_ms before failing with unavailable.
// read_only transactions use a deferred BEGIN and see one snapshot; their connection runs with
// PRAGMA query_only, so a writing statement fails (ErrorCode::internal) instead of writing.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace concord::store {

// Opens (creating if needed) the SQLite database file at `path`, creating its directory too.
// Fails with invalid_argument for an empty path and with unavailable when the file cannot be
// opened or switched to WAL mode.
Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path,
                                                       const DatabaseOptions& options);

}  // namespace concord::store
