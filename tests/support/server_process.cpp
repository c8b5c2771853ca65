#include "support/server_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>

extern char** environ;

namespace concord::testing {
namespace {

// Spawns `argv` with standard output and error on a pipe whose read end is returned.
// With `stdin_fd` >= 0, that descriptor becomes the child's standard input.
pid_t spawn_with_pipe(const std::vector<std::string>& argv,
                      const std::vector<std::string>& extra_env, int& read_fd, int stdin_fd = -1) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdin_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char** entry = environ; *entry; ++entry) {
    // Tests must not inherit a developer's Concord settings.
    if (std::string_view(*entry).starts_with("CONCORD_")) continue;
    env_storage.emplace_back(*entry);
  }
  env_storage.insert(env_storage.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> env;
  for (auto& entry : env_storage)
    env.push_back(entry.data());
  env.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  read_fd = fds[0];
  return pid;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::string concord_binary() {
  return CONCORD_BINARY_PATH;
}

CommandResult run_concord(const std::vector<std::string>& args,
                          const std::vector<std::string>& environment,
                          const std::string& standard_input) {
  std::vector<std::string> argv = {concord_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  int fd = -1;
  CommandResult result;
  // Standard input comes from a pipe filled up front; inputs here are small (a password), well
  // under the pipe's capacity, so writing before the child reads cannot block.
  int input[2];
  if (pipe2(input, O_CLOEXEC) != 0) return result;
  if (!standard_input.empty() && write(input[1], standard_input.data(), standard_input.size()) !=
                                     static_cast<ssize_t>(standard_input.size())) {
    close(input[0]);
    close(input[1]);
    return result;
  }
  close(input[1]);
  const pid_t pid = spawn_with_pipe(argv, environment, fd, input[0]);
  close(input[0]);
  if (pid < 0) return result;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = read(fd, buffer, sizeof buffer)) > 0)
    result.output.append(buffer, size_t(got));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = decode_status(status);
  return result;
}

ServerProcess::ServerProcess(const std::string& db_url, std::vector<std::string> extra_args) {
  std::vector<std::string> argv = {concord_binary(), "serve",       "--db",         db_url,
                                   "--listen",       "127.0.0.1:0", "--access-log", "off"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn_with_pipe(argv, {}, output_fd_);
  if (pid_ < 0) {
    ADD_FAILURE() << "cannot start " << argv[0];
    return;
  }
  const std::regex serving(R"(serving on http://127\.0\.0\.1:(\d+))");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    read_available(100);
    std::smatch match;
    if (std::regex_search(output_, match, serving)) {
      port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      read_available(0);
      ADD_FAILURE() << "concord serve exited with " << decode_status(status) << ":\n" << output_;
      pid_ = -1;
      return;
    }
  }
  ADD_FAILURE() << "concord serve did not start within 30 s:\n" << output_;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
  if (output_fd_ >= 0) close(output_fd_);
}

void ServerProcess::read_available(int timeout_ms) {
  if (output_fd_ < 0) return;
  pollfd descriptor{output_fd_, POLLIN, 0};
  while (poll(&descriptor, 1, timeout_ms) > 0) {
    char buffer[4096];
    const ssize_t got = read(output_fd_, buffer, sizeof buffer);
    if (got <= 0) {
      close(output_fd_);
      output_fd_ = -1;
      return;
    }
    output_.append(buffer, size_t(got));
    timeout_ms = 0;
  }
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  read_available(0);
  return decode_status(status);
}

std::string ServerProcess::output() {
  read_available(0);
  return output_;
}

}  // namespace concord::testing
