#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {

void add_migrate_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "migrate", "Apply pending schema migrations and load reference data, then exit");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  command->callback([options, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    std::cout << "database " << redact_credentials(runtime->config.db) << " is at schema version "
              << runtime->schema_version << "\n";
  });
}

}  // namespace concord::cli
