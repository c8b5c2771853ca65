// `concord user add|list|disable|reset-password|roles`: the operator's tools for accounts
// (access/identity_service.h). They act as Principal::system("cli"), so every change is audited
// as made by the machine's administrator. Passwords come from standard input (--password-stdin)
// or are generated and printed once; they are never taken as arguments, which `ps` would show.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "access/passwords.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {
namespace {

const access::Principal& cli_actor() {
  static const access::Principal actor = access::Principal::system("cli");
  return actor;
}

// The first line of standard input without its line ending; nullopt when there is none.
std::optional<std::string> password_from_stdin() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return std::nullopt;
  return line;
}

// The password to set: read from standard input with --password-stdin, generated otherwise
// (`generated` is then true so the caller prints it once).
std::optional<std::string> choose_password(bool from_stdin, std::string_view command,
                                           bool& generated, int& exit_code) {
  generated = !from_stdin;
  if (!from_stdin) return access::generate_password();
  auto password = password_from_stdin();
  if (!password) {
    spdlog::error("{}: password: --password-stdin given but standard input holds no password",
                  command);
    exit_code = kUsage;
  }
  return password;
}

std::string join(const access::Roles& roles) {
  std::string out;
  for (access::Role role : roles) {
    if (!out.empty()) out += ",";
    out += access::to_string(role);
  }
  return out;
}

void add_add(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand(
      "add", "Create a user; prints a generated password once unless --password-stdin is given");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto input = std::make_shared<access::NewUser>();
  auto state = std::make_shared<std::string>();
  auto organisation = std::make_shared<std::string>();
  auto password_stdin = std::make_shared<bool>(false);
  command->add_option("--username", input->username, "3 to 64 of a-z 0-9 . _ -")->required();
  auto* state_option =
      command->add_option("--state", *state, "the user's state (ISO 3166-1 alpha-2, such as KE)");
  auto* organisation_option =
      command->add_option("--organisation", *organisation, "the id of the user's organisation");
  state_option->excludes(organisation_option);
  command->add_option("--role", input->roles, "a role, repeatable: " + access::roles_list())
      ->required();
  command->add_option("--display-name", input->display_name, "the name shown (default: username)");
  command->add_flag("--password-stdin", *password_stdin,
                    "read the password from the first line of standard input");
  command->callback([=, &exit_code] {
    if (state_option->count() + organisation_option->count() != 1) {
      spdlog::error("user add: state: give exactly one of --state and --organisation");
      exit_code = kUsage;
      return;
    }
    bool generated = false;
    auto password = choose_password(*password_stdin, "user add", generated, exit_code);
    if (!password) return;
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    access::NewUser user = *input;
    if (user.display_name.empty()) user.display_name = user.username;
    if (state_option->count() > 0) user.state = *state;
    if (organisation_option->count() > 0) user.organisation_id = *organisation;
    user.password = *password;
    auto created = runtime->identity->create_user(cli_actor(), user);
    if (!created.ok()) return report_failure("user add", created.error(), exit_code);
    std::cout << "created user " << created->username << " (id " << created->id << ")\n";
    if (generated) {
      std::cout << "password (shown only this once): " << *password << "\n";
    }
    exit_code = kSuccess;
  });
}

void add_list(CLI::App& parent, int& exit_code) {
  auto* command = parent.add_subcommand("list", "List every user as a table");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  command->callback([options, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto users = runtime->identity->list_users();
    if (!users.ok()) return report_failure("user list", users.error(), exit_code);
    std::vector<std::array<std::string, 5>> rows = {
        {"USERNAME", "STATE/ORGANISATION", "ROLES", "2FA", "DISABLED"}};
    for (const auto& user : *users) {
      rows.push_back(
          {user.username, user.state ? *user.state : "org " + user.organisation_id.value_or(""),
           join(user.roles), user.totp_enabled ? "yes" : "no", user.disabled_at.value_or("-")});
    }
    std::array<size_t, 5> widths{};
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i)
        widths[i] = std::max(widths[i], row[i].size());
    }
    for (const auto& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        line += row[i];
        if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
      }
      std::cout << line << "\n";
    }
    exit_code = kSuccess;
  });
}

// Registers a subcommand that takes USERNAME, resolves it and hands the user to `act`.
template <typename Act>
CLI::App* add_user_action(CLI::App& parent, const std::string& name, const std::string& help,
                          int& exit_code, const std::shared_ptr<SharedOptions>& options, Act act) {
  auto* command = parent.add_subcommand(name, help);
  options->add_to(*command, /*all_settings=*/false);
  auto username = std::make_shared<std::string>();
  command->add_option("username", *username, "the user's name")->required();
  command->callback([=, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto found = runtime->identity->find_user_by_username(*username);
    if (!found.ok()) return report_failure("user " + name, found.error(), exit_code);
    act(*runtime, *found);
  });
  return command;
}

void add_disable(CLI::App& parent, int& exit_code) {
  add_user_action(parent, "disable",
                  "Disable a user: sign-ins, sessions and API tokens stop working (users are "
                  "never deleted)",
                  exit_code, std::make_shared<SharedOptions>(),
                  [&exit_code](Runtime& runtime, const access::User& found) {
                    auto disabled = runtime.identity->disable_user(cli_actor(), found.id);
                    if (!disabled.ok())
                      return report_failure("user disable", disabled.error(), exit_code);
                    std::cout << "disabled user " << found.username << "\n";
                    exit_code = kSuccess;
                  });
}

void add_reset_password(CLI::App& parent, int& exit_code) {
  auto password_stdin = std::make_shared<bool>(false);
  auto* command = add_user_action(
      parent, "reset-password",
      "Set a new password (generated and printed once unless --password-stdin) and end every "
      "session of the user; API tokens stay valid",
      exit_code, std::make_shared<SharedOptions>(),
      [&exit_code, password_stdin](Runtime& runtime, const access::User& found) {
        bool generated = false;
        auto password =
            choose_password(*password_stdin, "user reset-password", generated, exit_code);
        if (!password) return;
        auto reset = runtime.identity->reset_password(cli_actor(), found.id, *password);
        if (!reset.ok()) return report_failure("user reset-password", reset.error(), exit_code);
        std::cout << "password reset for " << found.username << "; their sessions have ended\n";
        if (generated) std::cout << "password (shown only this once): " << *password << "\n";
        exit_code = kSuccess;
      });
  command->add_flag("--password-stdin", *password_stdin,
                    "read the password from the first line of standard input");
}

void add_roles(CLI::App& parent, int& exit_code) {
  auto roles = std::make_shared<std::vector<std::string>>();
  auto* command = add_user_action(
      parent, "roles", "Replace a user's roles with those given by --set", exit_code,
      std::make_shared<SharedOptions>(),
      [&exit_code, roles](Runtime& runtime, const access::User& found) {
        auto changed = runtime.identity->set_roles(cli_actor(), found.id, *roles);
        if (!changed.ok()) return report_failure("user roles", changed.error(), exit_code);
        std::cout << found.username << " now holds: " << join(changed->roles) << "\n";
        exit_code = kSuccess;
      });
  command->add_option("--set", *roles, "a role, repeatable: " + access::roles_list())->required();
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
  auto* user = app.add_subcommand("user",
                                  "Manage user accounts: add, list, disable, "
                                  "reset-password, roles");
  user->require_subcommand(1);
  add_add(*user, exit_code);
  add_list(*user, exit_code);
  add_disable(*user, exit_code);
  add_reset_password(*user, exit_code);
  add_roles(*user, exit_code);
}

}  // namespace concord::cli
