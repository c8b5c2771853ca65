#include "cli/commands.h"

namespace concord::cli {

void add_reference_command(CLI::App& /*app*/, int& /*exit_code*/) {}

}  // namespace concord::cli
