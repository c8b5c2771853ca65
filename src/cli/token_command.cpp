// `concord token issue|revoke`: API tokens for machine clients (access/identity_service.h),
// acting as Principal::system("cli"). The token is printed once, alone on standard output so that
// scripts can capture it; what it is for goes to standard error.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/runtime.h"

namespace concord::cli {
namespace {

void add_issue(CLI::App& token, int& exit_code) {
  auto* command = token.add_subcommand(
      "issue", "Issue an API token for a user and print it once (Authorization: Bearer <token>)");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto username = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto scopes = std::make_shared<std::vector<std::string>>();
  auto days = std::make_shared<int>(0);
  command->add_option("--user", *username, "the username the token acts for")->required();
  command->add_option("--name", *name, "what the token is for, such as 'nightly export'")
      ->required();
  command
      ->add_option("--scope", *scopes,
                   "an action (states.read) or a family (tracing.*) it may perform; repeatable")
      ->required();
  auto* days_option =
      command->add_option("--days", *days, "lifetime in days (default 90, at most 365)")
          ->check(CLI::PositiveNumber);
  command->callback([=, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto user = runtime->identity->find_user_by_username(*username);
    if (!user.ok()) return report_failure("token issue", user.error(), exit_code);
    std::optional<std::chrono::hours> lifetime;
    if (days_option->count() > 0) lifetime = std::chrono::hours(24 * *days);
    auto issued = runtime->identity->issue_token(access::Principal::system("cli"), user->id, *name,
                                                 {scopes->begin(), scopes->end()}, lifetime);
    if (!issued.ok()) return report_failure("token issue", issued.error(), exit_code);
    spdlog::info("issued token {} for {}, expiring {}; it is shown only this once", issued->id,
                 user->username, issued->expires_at);
    std::cout << issued->token << "\n";
    exit_code = kSuccess;
  });
}

void add_revoke(CLI::App& token, int& exit_code) {
  auto* command = token.add_subcommand("revoke", "Revoke an API token by its id");
  auto options = std::make_shared<SharedOptions>();
  options->add_to(*command, /*all_settings=*/false);
  auto id = std::make_shared<std::string>();
  command->add_option("token_id", *id, "the id printed at issue (the part after cct_)")->required();
  command->callback([=, &exit_code] {
    auto runtime = open_runtime_or_log(*options, exit_code);
    if (!runtime) return;
    auto revoked = runtime->identity->revoke_token(access::Principal::system("cli"), *id);
    if (!revoked.ok()) return report_failure("token revoke", revoked.error(), exit_code);
    std::cout << "revoked token " << *id << "\n";
    exit_code = kSuccess;
  });
}

}  // namespace

void add_token_command(CLI::App& app, int& exit_code) {
  auto* token = app.add_subcommand("token", "Manage API tokens for machine clients: issue, revoke");
  token->require_subcommand(1);
  add_issue(*token, exit_code);
  add_revoke(*token, exit_code);
}

}  // namespace concord::cli
