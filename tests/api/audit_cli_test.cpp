// `concord audit verify` and `concord audit export`, run as the real binary on both backends.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "access/audit_trail.h"
#include "core/clock.h"
#include "store/migrations.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace concord::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The lines of `output` that are JSON objects (standard error's log lines are interleaved).
std::vector<nlohmann::json> json_lines(const std::string& output) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("{")) lines.push_back(nlohmann::json::parse(line, nullptr, false));
  }
  return lines;
}

class AuditCli : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    url_ = fresh_database_url(GetParam());
    auto db = store::open_database(url_);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db).value();
    ASSERT_TRUE(store::migrate(*db_).ok());
  }

  void record(const std::string& target_id, std::optional<std::string> state) {
    access::Principal actor = access::Principal::system("audit-cli-test");
    auto recorded = trail_.record(
        *db_, actor,
        access::AuditEvent{"organisations.create", "organisation", target_id, std::move(state),
                           access::Outcome::success, R"({"name":"x"})"});
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  }

  SystemClock clock_;
  access::AuditTrail trail_{clock_};
  std::string url_;
  std::unique_ptr<store::Database> db_;
};

TEST_P(AuditCli, VerifyReportsAnIntactChainAndThenTheEditedEntry) {
  auto empty = run_concord({"audit", "verify", "--db", url_});
  EXPECT_EQ(empty.exit_code, 0) << empty.output;
  EXPECT_TRUE(contains(empty.output, "audit trail intact: 0 entries")) << empty.output;

  record("a", "KE");
  record("b", "UG");
  record("c", "KE");
  auto intact = run_concord({"audit", "verify", "--db", url_});
  EXPECT_EQ(intact.exit_code, 0) << intact.output;
  EXPECT_TRUE(contains(intact.output, "audit trail intact: 3 entries")) << intact.output;

  auto edited = store::in_transaction(
      *db_, store::TransactionMode::read_write, [](store::Transaction& transaction) {
        return transaction.execute("UPDATE audit_log SET target_id = 'z' WHERE sequence = 2");
      });
  ASSERT_TRUE(edited.ok());
  auto broken = run_concord({"audit", "verify", "--db", url_});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_TRUE(contains(broken.output, "audit trail broken at entry 2: entry 2 was edited"))
      << broken.output;
}

TEST_P(AuditCli, ExportWritesOneJsonObjectPerLine) {
  record("a", "KE");
  record("b", "UG");
  record("c", std::nullopt);
  auto all = run_concord({"audit", "export", "--since", "2000-01-01", "--db", url_});
  ASSERT_EQ(all.exit_code, 0) << all.output;
  auto lines = json_lines(all.output);
  ASSERT_EQ(lines.size(), 3u) << all.output;
  for (size_t i = 0; i < lines.size(); ++i) {
    ASSERT_TRUE(lines[i].is_object()) << all.output;
    EXPECT_EQ(lines[i]["sequence"], static_cast<int>(i) + 1);
    EXPECT_EQ(lines[i]["details"]["name"], "x");  // nested, not a string
    EXPECT_EQ(lines[i]["hash"].get<std::string>().size(), 64u);
  }
  EXPECT_TRUE(lines[2]["target_state"].is_null());

  auto kenya =
      run_concord({"audit", "export", "--since", "2000-01-01", "--state", "ke", "--db", url_});
  ASSERT_EQ(kenya.exit_code, 0) << kenya.output;
  auto kenya_lines = json_lines(kenya.output);
  ASSERT_EQ(kenya_lines.size(), 1u) << kenya.output;
  EXPECT_EQ(kenya_lines[0]["target_id"], "a");

  auto future = run_concord({"audit", "export", "--since", "2999-01-01T00:00:00Z", "--db", url_});
  EXPECT_EQ(future.exit_code, 0) << future.output;
  EXPECT_TRUE(json_lines(future.output).empty()) << future.output;
}

TEST_P(AuditCli, ExportRefusesAMalformedSinceNamingTheFlag) {
  auto result = run_concord({"audit", "export", "--since", "last tuesday", "--db", url_});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_TRUE(contains(result.output, "--since")) << result.output;
  auto missing = run_concord({"audit", "export", "--db", url_});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  auto bad_state = run_concord({"audit", "export", "--since", "2000-01-01", "--state", "Kenya"});
  EXPECT_EQ(bad_state.exit_code, 2) << bad_state.output;
  EXPECT_TRUE(contains(bad_state.output, "--state")) << bad_state.output;
}

TEST(AuditCliHelp, EachSubcommandHasHelp) {
  for (const char* command : {"verify", "export"}) {
    auto result = run_concord({"audit", command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_TRUE(contains(result.output, "Usage")) << command << ": " << result.output;
  }
  EXPECT_EQ(run_concord({"audit"}).exit_code, 2);
}

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& param) {
  return std::string(store::to_string(param.param));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditCli, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
