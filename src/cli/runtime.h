// Runtime: what serve, migrate and demo all do first: load reference data, open the database,
// apply migrations and bring the states table in line with ISO 3166-1.
#pragma once

#include <memory>

#include "core/config.h"
#include "core/reference_data.h"
#include "store/database.h"

namespace concord::cli {

struct Runtime {
  std::shared_ptr<const ReferenceData> reference;
  std::unique_ptr<store::Database> db;
  int schema_version = 0;
};

// Reports progress on standard error. On failure prints the reason and returns the exit code to
// use (kUsage for reference data, kDatabase for the store).
Result<Runtime> open_runtime(const Config& config, int& exit_code);

}  // namespace concord::cli
