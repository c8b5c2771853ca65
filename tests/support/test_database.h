// Fresh, empty databases on either backend for tests, and the list of backends every store test
// runs on.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store/database.h"

namespace concord::store {

// Lets GoogleTest print a backend by name, so parameterised test names read "... = sqlite"
// rather than as raw bytes.
inline void PrintTo(Backend backend, std::ostream* out) {
  *out << to_string(backend);
}

}  // namespace concord::store

namespace concord::testing {

// Both backends, for INSTANTIATE_TEST_SUITE_P(..., ::testing::ValuesIn(all_backends())).
std::vector<store::Backend> all_backends();

// The URL of a new, empty database: a temporary SQLite file, or a freshly created database in the
// shared throwaway PostgreSQL cluster (started on first use when no ctest fixture started one).
// Fails the calling test with a clear message when PostgreSQL cannot be started (by throwing
// std::runtime_error, which GoogleTest reports as the test's failure).
std::string fresh_database_url(store::Backend backend);

// fresh_database_url + open_database, asserting success.
std::unique_ptr<store::Database> open_fresh_database(store::Backend backend,
                                                     const store::DatabaseOptions& options = {});

}  // namespace concord::testing
