#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "store/migrations.h"

namespace concord::cli {

void add_version_command(CLI::App& app, int& exit_code) {
  auto* command =
      app.add_subcommand("version", "Print the version and the schema version it expects");
  command->callback([&exit_code] {
    const auto& migrations = store::all_migrations();
    std::cout << "concord " << CONCORD_VERSION << " (schema "
              << (migrations.empty() ? 0 : migrations.back().version) << ")\n";
    exit_code = kSuccess;
  });
}

}  // namespace concord::cli
