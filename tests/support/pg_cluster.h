// The throwaway PostgreSQL cluster that a test process uses. Under ctest, the fixture
// postgres_cluster_start has started one and written its URL to a state file; a test binary run
// alone starts its own with scripts/pg-test-cluster on first use and stops it at exit (and its
// watchdog stops it if the process dies without exiting cleanly).
#pragma once

#include <string>

#include "core/result.h"

namespace concord::testing {

// The URL of the cluster's maintenance database ("postgres"), as a superuser with trust
// authentication. The state file is the one named by the environment variable
// CONCORD_TEST_PG_STATE, else the compiled-in CONCORD_PG_STATE_FILE. Thread-safe; the cluster is
// started at most once per process. Fails with unavailable when no cluster can be started.
Result<std::string> postgres_cluster_url();

// True when this process started the cluster itself (and removes it at exit).
bool postgres_cluster_is_private();

// `url` with its database name replaced by `database`.
std::string with_database(const std::string& url, const std::string& database);

}  // namespace concord::testing
