// The PostgreSQL backend of Database, over libpq: a pool of connections, each transaction on one.
//
// Parameters travel separately from the SQL (PQexecParams): integers as int8, reals as float8,
// text untyped so that the server infers the column's type, blobs as binary bytea, NULL as NULL.
// Result columns convert by type: int2/int4/int8/oid/bool to integers (bool as 1/0),
// float4/float8 to reals, bytea to Blob, NULL to std::monostate, everything else (text, numeric,
// timestamps) to text. A connection found broken is reset transparently the next time it is
// lent out; a connection lost during a transaction fails that transaction with unavailable.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace concord::store {

// Opens a pool for `url` (postgresql://... or postgres://..., as libpq accepts them) and checks
// the server answers. application_name defaults to "concord" unless the URL sets one.
Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url,
                                                         const DatabaseOptions& options);

// Runs `sql` on a fresh connection outside any transaction block, for the statements PostgreSQL
// refuses inside one (CREATE DATABASE, DROP DATABASE). For tooling and tests, not services.
Result<void> execute_outside_transaction(const std::string& url, std::string_view sql);

}  // namespace concord::store
