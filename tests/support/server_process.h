// ServerProcess: the real `concord` binary run as a child process for API tests, on an
// ephemeral loopback port, so that tests exercise exactly what main() composes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace concord::testing {

// The built `concord` binary (CONCORD_BINARY_PATH, compiled in by tests/api/CMakeLists.txt).
std::string concord_binary();

// Result of running a command to completion.
struct CommandResult {
  int exit_code = -1;
  std::string output;  // standard output and standard error, interleaved
};

// Runs `concord ARGS...` and waits for it, with extra environment entries "NAME=value" and
// `standard_input` as its standard input.
CommandResult run_concord(const std::vector<std::string>& args,
                          const std::vector<std::string>& environment = {},
                          const std::string& standard_input = {});

class ServerProcess {
 public:
  // Starts `concord serve --db DB --listen 127.0.0.1:0 --access-log off` plus `extra_args`, and
  // waits until it prints the address it serves on. Fails the test (ADD_FAILURE) when it does not
  // start within 30 s; port() is then 0.
  explicit ServerProcess(const std::string& db_url, std::vector<std::string> extra_args = {});
  // Kills the server if it still runs.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }

  // Sends `signal` and waits for the exit; returns the exit code (128+signal when killed).
  int stop(int signal);
  // Everything the server printed so far (standard error).
  std::string output();

 private:
  void read_available(int timeout_ms);
  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::uint16_t port_ = 0;
  std::string output_;
};

}  // namespace concord::testing
