// concord: the one binary. Parses the command line and runs the chosen subcommand.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/options.h"

int main(int argc, char** argv) {
  using namespace concord::cli;
  // Diagnostics go to standard error so that standard output stays for results and access logs.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("concord"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);

  CLI::App app{
      "Concord: tracing illicit small arms and coordinating mine-action and arms-control "
      "assistance."};
  app.footer(
      "Exit codes: 0 success, 1 failure, 2 usage or configuration error, 3 database error, "
      "4 cannot listen, 5 rejected input (import).\nSettings come from defaults, then --config "
      "FILE (TOML), then CONCORD_* "
      "environment variables, then flags.");
  app.require_subcommand(1);
  int exit_code = kSuccess;
  add_serve_command(app, exit_code);
  add_migrate_command(app, exit_code);
  add_demo_command(app, exit_code);
  add_version_command(app, exit_code);
  add_user_command(app, exit_code);
  add_token_command(app, exit_code);
  add_audit_command(app, exit_code);
  add_import_command(app, exit_code);
  add_gen_command(app, exit_code);
  add_search_command(app, exit_code);
  add_record_command(app, exit_code);
  add_trace_command(app, exit_code);
  add_report_command(app, exit_code);
  add_reference_command(app, exit_code);
  add_plan_command(app, exit_code);
  add_match_command(app, exit_code);
  add_flow_command(app, exit_code);
  add_export_command(app, exit_code);
  add_stockpile_command(app, exit_code);
  add_hazard_command(app, exit_code);
  add_casualty_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& failure) {
    app.exit(failure);
    return kUsage;
  }
  return exit_code;
}
