#include "cli/commands.h"

namespace concord::cli {

void add_trace_command(CLI::App& /*app*/, int& /*exit_code*/) {}

}  // namespace concord::cli
