// `concord match`: candidates, allocation advice, matches and partnerships. Thin: the assistance
// area's services do the work, with audit as over the API.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {

void add_match_command(CLI::App& app, int& exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace concord::cli
