// `concord casualty ...` (to be written).
#include "cli/commands.h"

namespace concord::cli {

void add_casualty_command(CLI::App& app, int& exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace concord::cli
