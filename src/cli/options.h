// The options every subcommand shares (--config, --db and the other settings as flags), and the
// process exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.h"

namespace concord::cli {

// Exit codes, documented in `concord --help` and docs/operations.md.
enum ExitCode : int {
  kSuccess = 0,
  kFailure = 1,       // the command ran and failed
  kUsage = 2,         // bad flags, arguments or configuration
  kDatabase = 3,      // the database cannot be opened or migrated
  kListen = 4,        // the address cannot be bound
  kInvalidInput = 5,  // the input had rows or a header that were rejected (import)
};

// Settings given on the command line, collected by CLI11 and merged by load().
struct SharedOptions {
  std::optional<std::string> config_file;
  std::map<std::string, std::string> flags;

  // Adds --config and --db to `command`, and with `all_settings` every other setting as a flag.
  void add_to(CLI::App& command, bool all_settings);
  // Merges defaults, the config file, CONCORD_* environment and the flags.
  Result<Config> load() const;
};

// Prints "COMMAND: FIELD: MESSAGE" (the field when the error names one) and sets `exit_code` to
// kFailure: the command ran and failed.
void report_failure(std::string_view command, const Error& error, int& exit_code);

// The whole of the file at `path`, or of standard input when `path` is "-". invalid_argument
// naming `field` when the file cannot be opened.
Result<std::string> read_file_or_stdin(const std::string& path, std::string_view field = "FILE");

}  // namespace concord::cli
