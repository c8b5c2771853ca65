#include "cli/commands.h"

namespace concord::cli {

void add_audit_command(CLI::App&, int&) {}  // placeholder until the access area lands

}  // namespace concord::cli
