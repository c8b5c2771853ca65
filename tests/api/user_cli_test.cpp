// `concord user ...` and `concord token ...`: the operator's account tools, run as the real
// binary on both backends.
#include <gtest/gtest.h>

#include <regex>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(UserCli, EverySubcommandHasHelp) {
  for (std::vector<std::string> command : {std::vector<std::string>{"user"},
                                           {"user", "add"},
                                           {"user", "list"},
                                           {"user", "disable"},
                                           {"user", "reset-password"},
                                           {"user", "roles"},
                                           {"token"},
                                           {"token", "issue"},
                                           {"token", "revoke"}}) {
    command.push_back("--help");
    auto result = run_concord(command);
    EXPECT_EQ(result.exit_code, 0) << command[0] << " " << command[1];
    EXPECT_TRUE(contains(result.output, "Usage")) << result.output;
  }
  EXPECT_EQ(run_concord({"user"}).exit_code, 2);
  EXPECT_EQ(run_concord({"user", "add", "--username", "amina.k"}).exit_code, 2);  // no --role
}

TEST(UserCli, ManagesUsersOnBothBackends) {
  for (auto backend : all_backends()) {
    SCOPED_TRACE(std::string(store::to_string(backend)));
    const std::string db = fresh_database_url(backend);

    auto generated =
        run_concord({"user", "add", "--db", db, "--username", "amina.k", "--state", "KE", "--role",
                     "analyst", "--role", "tracing_officer", "--display-name", "Amina K."});
    ASSERT_EQ(generated.exit_code, 0) << generated.output;
    EXPECT_TRUE(contains(generated.output, "created user amina.k"));
    EXPECT_TRUE(std::regex_search(
        generated.output, std::regex(R"(password \(shown only this once\): [A-Za-z0-9_-]{24}\n)")))
        << generated.output;

    auto from_stdin = run_concord({"user", "add", "--db", db, "--username", "bruno.f", "--state",
                                   "FR", "--role", "civil_society", "--password-stdin"},
                                  {}, "gentle-otter-invoice-lamp\n");
    ASSERT_EQ(from_stdin.exit_code, 0) << from_stdin.output;
    EXPECT_FALSE(contains(from_stdin.output, "shown only this once"));
    EXPECT_FALSE(contains(from_stdin.output, "gentle-otter"));

    auto weak = run_concord({"user", "add", "--db", db, "--username", "carla", "--state", "FR",
                             "--role", "analyst", "--password-stdin"},
                            {}, "Password1234\n");
    EXPECT_EQ(weak.exit_code, 1);
    EXPECT_TRUE(contains(weak.output, "password: password is too common")) << weak.output;

    auto taken = run_concord(
        {"user", "add", "--db", db, "--username", "amina.k", "--state", "KE", "--role", "analyst"});
    EXPECT_EQ(taken.exit_code, 1);
    EXPECT_TRUE(contains(taken.output, "username: ")) << taken.output;

    auto bad_role = run_concord(
        {"user", "add", "--db", db, "--username", "dora", "--state", "KE", "--role", "king"});
    EXPECT_EQ(bad_role.exit_code, 1);
    EXPECT_TRUE(contains(bad_role.output, "roles: unknown role 'king'")) << bad_role.output;

    auto neither =
        run_concord({"user", "add", "--db", db, "--username", "dora", "--role", "analyst"});
    EXPECT_EQ(neither.exit_code, 2);
    EXPECT_TRUE(contains(neither.output, "state")) << neither.output;

    auto roles = run_concord({"user", "roles", "--db", db, "bruno.f", "--set", "assistance_officer",
                              "--set", "civil_society"});
    ASSERT_EQ(roles.exit_code, 0) << roles.output;
    auto disabled = run_concord({"user", "disable", "--db", db, "bruno.f"});
    ASSERT_EQ(disabled.exit_code, 0) << disabled.output;
    auto reset = run_concord({"user", "reset-password", "--db", db, "amina.k", "--password-stdin"},
                             {}, "lantern-basalt-meadow-echo\n");
    ASSERT_EQ(reset.exit_code, 0) << reset.output;
    auto unknown = run_concord({"user", "disable", "--db", db, "nobody"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_TRUE(contains(unknown.output, "username: no user named 'nobody'")) << unknown.output;

    auto list = run_concord({"user", "list", "--db", db});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_TRUE(contains(list.output, "USERNAME")) << list.output;
    EXPECT_TRUE(std::regex_search(list.output,
                                  std::regex(R"(amina\.k +KE +tracing_officer,analyst +no +-)")))
        << list.output;
    EXPECT_TRUE(std::regex_search(
        list.output, std::regex(R"(bruno\.f +FR +assistance_officer,civil_society +no +20)")))
        << list.output;
    EXPECT_FALSE(contains(list.output, "carla"));
  }
}

TEST(TokenCli, IssuesOnceAndRevokes) {
  const std::string db = fresh_database_url(store::Backend::sqlite);
  ASSERT_EQ(run_concord({"user", "add", "--db", db, "--username", "sync.bot", "--state", "KE",
                         "--role", "assistance_officer"})
                .exit_code,
            0);
  ASSERT_EQ(run_concord({"user", "add", "--db", db, "--username", "officer", "--state", "KE",
                         "--role", "tracing_officer"})
                .exit_code,
            0);

  auto issued =
      run_concord({"token", "issue", "--db", db, "--user", "sync.bot", "--name", "nightly",
                   "--scope", "states.read", "--scope", "assistance.*", "--days", "30"});
  ASSERT_EQ(issued.exit_code, 0) << issued.output;
  std::smatch token;
  ASSERT_TRUE(std::regex_search(issued.output, token,
                                std::regex(R"(cct_([0-9A-Z]{26})_[A-Za-z0-9_-]{43}\n)")))
      << issued.output;
  const std::string id = token[1];

  auto too_long = run_concord({"token", "issue", "--db", db, "--user", "sync.bot", "--name", "x",
                               "--scope", "states.read", "--days", "400"});
  EXPECT_EQ(too_long.exit_code, 1);
  EXPECT_TRUE(contains(too_long.output, "lifetime: ")) << too_long.output;
  auto no_second_factor = run_concord(
      {"token", "issue", "--db", db, "--user", "officer", "--name", "x", "--scope", "tracing.*"});
  EXPECT_EQ(no_second_factor.exit_code, 1);
  EXPECT_TRUE(contains(no_second_factor.output, "user: enable a second factor first"))
      << no_second_factor.output;

  auto revoked = run_concord({"token", "revoke", "--db", db, id});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.output;
  auto missing = run_concord({"token", "revoke", "--db", db, "01JB9999999999999999999999"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.output, "token_id: ")) << missing.output;
}

}  // namespace
}  // namespace concord::testing
