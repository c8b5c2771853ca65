// Dialect: the few places where SQLite and PostgreSQL SQL differ, expressed as placeholders in
// migration files so that each migration is written once.
//   {{sequence_key}}  an auto-increasing 64-bit primary key, never reused
//                     (SQLite INTEGER PRIMARY KEY AUTOINCREMENT;
//                      PostgreSQL BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY)
//   {{blob}}          a binary column (SQLite BLOB; PostgreSQL BYTEA)
// Everything else is written in the common subset: INTEGER (64-bit in SQLite; write BIGINT where
// PostgreSQL needs 64 bits), TEXT, REAL/DOUBLE PRECISION, timestamps as ISO 8601 TEXT, booleans
// as INTEGER 0/1. An unknown {{placeholder}} is left as written and fails as a syntax error.
#pragma once

#include <string>
#include <string_view>

#include "store/database.h"

namespace concord::store {

// Replaces every placeholder in `sql` with the backend's spelling. Pure; thread-safe.
std::string apply_dialect(std::string_view sql, Backend backend);

}  // namespace concord::store
