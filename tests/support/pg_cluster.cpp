// The throwaway PostgreSQL cluster: find the shared one, or start one for this process.
#include "support/pg_cluster.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <system_error>

#ifndef CONCORD_SOURCE_DIR
#error "CONCORD_SOURCE_DIR must name the repository root"
#endif
#ifndef CONCORD_PG_STATE_FILE
#error "CONCORD_PG_STATE_FILE must name the ctest fixture's URL file"
#endif

namespace concord::testing {
namespace {

namespace fs = std::filesystem;

std::string script() {
  return std::string(CONCORD_SOURCE_DIR) + "/scripts/pg-test-cluster";
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::optional<std::string> read_first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) return std::nullopt;
  return line;
}

// The directory of the cluster this process started, if it started one.
std::string& own_cluster_dir() {
  static std::string dir;
  return dir;
}

void stop_own_cluster() {
  const std::string& dir = own_cluster_dir();
  if (dir.empty()) return;
  std::string command = quoted(script()) + " stop " + quoted(dir) + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "pg_cluster: could not stop the test cluster in %s\n", dir.c_str());
  }
}

Result<std::string> start_own_cluster() {
  std::string pattern = (fs::temp_directory_path() / "concord-pg-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return Error::unavailable("cannot create a directory for the test PostgreSQL cluster");
  }
  const std::string dir = pattern;
  // The log sits beside the cluster directory because `stop` removes the directory.
  const std::string log = dir + ".log";
  std::string command = quoted(script()) + " start " + quoted(dir) + " --watch " +
                        std::to_string(getpid()) + " >" + quoted(log) + " 2>&1";
  int status = std::system(command.c_str());
  std::optional<std::string> url = read_first_line(fs::path(dir) / "url");
  if (status != 0 || !url) {
    std::ifstream in(log);
    std::stringstream output;
    output << in.rdbuf();
    std::error_code ignored;
    fs::remove(log, ignored);
    // Best effort: remove whatever the failed start left behind.
    if (std::system((quoted(script()) + " stop " + quoted(dir) + " >/dev/null 2>&1").c_str()) !=
        0) {
    }
    return Error::unavailable("could not start a PostgreSQL cluster with " + script() + ": " +
                              output.str());
  }
  std::error_code ignored;
  fs::remove(log, ignored);
  own_cluster_dir() = dir;
  std::atexit(stop_own_cluster);
  return *url;
}

}  // namespace

Result<std::string> postgres_cluster_url() {
  static std::mutex mutex;
  static std::optional<Result<std::string>> found;
  std::lock_guard lock(mutex);
  if (found) return *found;

  const char* from_environment = std::getenv("CONCORD_TEST_PG_STATE");
  fs::path state_file = from_environment != nullptr && *from_environment != '\0'
                            ? fs::path(from_environment)
                            : fs::path(CONCORD_PG_STATE_FILE);
  if (std::optional<std::string> url = read_first_line(state_file)) {
    found = *url;
  } else {
    found = start_own_cluster();
  }
  return *found;
}

bool postgres_cluster_is_private() {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  return !own_cluster_dir().empty();
}

std::string with_database(const std::string& url, const std::string& database) {
  size_t query = url.find('?');
  std::string base = url.substr(0, query);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  size_t authority = base.find("://");
  size_t slash = base.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (slash != std::string::npos) base.erase(slash);
  return base + "/" + database + rest;
}

}  // namespace concord::testing
