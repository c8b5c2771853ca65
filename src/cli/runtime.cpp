#include "cli/runtime.h"

#include <spdlog/spdlog.h>

#include "cli/options.h"
#include "core/clock.h"
#include "core/id.h"
#include "directory/directory_service.h"
#include "store/migrations.h"

namespace concord::cli {

Result<Runtime> open_runtime(const Config& config, int& exit_code) {
  Runtime runtime;
  auto reference = ReferenceData::load(config.iso_codes_dir);
  if (!reference.ok()) {
    exit_code = kUsage;
    return std::move(reference).error();
  }
  runtime.reference = std::move(reference).value();

  exit_code = kDatabase;
  store::DatabaseOptions options;
  options.pool_size = config.db_pool_size;
  CONCORD_ASSIGN_OR_RETURN(runtime.db, store::open_database(config.db, options));
  CONCORD_ASSIGN_OR_RETURN(
      runtime.schema_version, store::migrate(*runtime.db, [](const store::Migration& migration) {
        spdlog::info("applying migration {:04d} {}", migration.version, migration.name);
      }));
  SystemClock clock;
  IdGenerator ids(clock);
  directory::DirectoryService directory(*runtime.db, *runtime.reference, clock, ids);
  CONCORD_ASSIGN_OR_RETURN(const int changed, directory.sync_states());
  if (changed > 0)
    spdlog::info("reference data: {} states added or updated from ISO 3166-1", changed);
  exit_code = kSuccess;
  return runtime;
}

}  // namespace concord::cli
