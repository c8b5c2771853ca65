// The subcommands. Each registers itself on the app and sets `exit_code` when it runs.
#pragma once

#include <CLI/CLI.hpp>

namespace concord::cli {

void add_serve_command(CLI::App& app, int& exit_code);
void add_migrate_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_version_command(CLI::App& app, int& exit_code);
void add_user_command(CLI::App& app, int& exit_code);
void add_token_command(CLI::App& app, int& exit_code);
void add_audit_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_gen_command(CLI::App& app, int& exit_code);
void add_search_command(CLI::App& app, int& exit_code);
void add_record_command(CLI::App& app, int& exit_code);
void add_trace_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_reference_command(CLI::App& app, int& exit_code);
void add_plan_command(CLI::App& app, int& exit_code);
void add_match_command(CLI::App& app, int& exit_code);
void add_flow_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_stockpile_command(CLI::App& app, int& exit_code);
void add_hazard_command(CLI::App& app, int& exit_code);
void add_casualty_command(CLI::App& app, int& exit_code);

}  // namespace concord::cli
