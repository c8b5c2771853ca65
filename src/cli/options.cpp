#include "cli/options.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

namespace concord::cli {

void SharedOptions::add_to(CLI::App& command, bool all_settings) {
  command.add_option_function<std::string>(
      "--config", [this](const std::string& path) { config_file = path; },
      "TOML configuration file (also CONCORD_CONFIG)");
  for (const ConfigKey& key : config_keys()) {
    if (!all_settings && key.name != "db") continue;
    std::string flag = "--" + key.name;
    std::replace(flag.begin(), flag.end(), '_', '-');
    const std::string name = key.name;
    command.add_option_function<std::string>(
        flag, [this, name](const std::string& value) { flags[name] = value; },
        key.help + " (also " + key.env + ")");
  }
}

Result<Config> SharedOptions::load() const {
  std::optional<std::string> file = config_file;
  if (!file) {
    // NOLINTNEXTLINE(concurrency-mt-unsafe): read once at start-up, before any thread exists
    if (const char* from_env = std::getenv("CONCORD_CONFIG"); from_env && *from_env)
      file = from_env;
  }
  return load_config(file, process_environment(), flags);
}

void report_failure(std::string_view command, const Error& error, int& exit_code) {
  if (error.field.empty()) {
    spdlog::error("{}: {}", command, error.message);
  } else {
    spdlog::error("{}: {}: {}", command, error.field, error.message);
  }
  exit_code = kFailure;
}

Result<std::string> read_file_or_stdin(const std::string& path, std::string_view field) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error::invalid(std::string(field), path + ": cannot open the file");
  return std::string(std::istreambuf_iterator<char>(file), {});
}

}  // namespace concord::cli
