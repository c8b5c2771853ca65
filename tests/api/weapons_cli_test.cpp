// `concord gen weapons` and `concord import weapons`: the generated CSV piped into the import on
// both backends, the summary line, rejected rows on standard error and the exit codes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string temporary_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          (name + "-" + std::to_string(::getpid()) + ".csv"))
      .string();
}

TEST(WeaponsCli, GenPipedIntoImportRoundTripsOnBothBackends) {
  // run_concord fills the child's standard input up front, so the CSV must fit in a pipe (64 KiB).
  auto generated = run_concord({"gen", "weapons", "--n", "500", "--seed", "5"});
  ASSERT_LT(generated.output.size(), 65536u);
  ASSERT_EQ(generated.exit_code, 0) << generated.output;
  ASSERT_TRUE(generated.output.starts_with("external_id,kind,state,weapon_type,"))
      << generated.output.substr(0, 200);
  for (auto backend : all_backends()) {
    const std::string url = fresh_database_url(backend);
    auto first = run_concord({"import", "weapons", "-", "--db", url}, {}, generated.output);
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_TRUE(std::regex_search(
        first.output,
        std::regex(R"(imported 500 of 500 rows \(0 already present, 0 rejected\) in \d+\.\d s)")))
        << first.output;
    // Not a terminal, so no progress bar.
    EXPECT_FALSE(contains(first.output, "\r")) << first.output;
    auto second = run_concord({"import", "weapons", "-", "--db", url}, {}, generated.output);
    ASSERT_EQ(second.exit_code, 0) << second.output;
    EXPECT_TRUE(contains(second.output, "imported 0 of 500 rows (500 already present, 0 rejected)"))
        << second.output;
  }
}

TEST(WeaponsCli, GenIsDeterministicAndWritesAFile) {
  const std::string path = temporary_path("concord-gen");
  auto to_file = run_concord({"gen", "weapons", "--n", "300", "--seed", "9", "--out", path});
  ASSERT_EQ(to_file.exit_code, 0) << to_file.output;
  EXPECT_TRUE(to_file.output.empty()) << to_file.output;
  auto to_stdout = run_concord({"gen", "weapons", "-n", "300", "--seed", "9"});
  ASSERT_EQ(to_stdout.exit_code, 0);
  std::ifstream file(path, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  EXPECT_EQ(content.str(), to_stdout.output);
  std::remove(path.c_str());

  auto other_seed = run_concord({"gen", "weapons", "-n", "300", "--seed", "10"});
  EXPECT_NE(other_seed.output, to_stdout.output);
}

TEST(WeaponsCli, RejectedRowsAreNamedAndExitWithFive) {
  const std::string path = temporary_path("concord-import");
  {
    std::ofstream file(path, std::ios::binary);
    file << "external_id,kind,state,weapon_type,make,model,calibre,serial,other_markings,"
            "country_of_manufacture,year_of_manufacture,reported_at\n"
            "FR-1,stolen,FR,pistol,Maker,M1,9x19mm,AB 123,,BE,2001,2024-03-01\n"
            "FR-2,stolen,XX,pistol,Maker,M1,9x19mm,AB 124,,BE,2001,2024-03-01\n";
  }
  const std::string url = fresh_database_url(store::Backend::sqlite);
  auto strict = run_concord({"import", "weapons", path, "--db", url, "--strict"});
  EXPECT_EQ(strict.exit_code, 5) << strict.output;
  EXPECT_TRUE(contains(strict.output, "nothing was imported")) << strict.output;
  EXPECT_TRUE(contains(strict.output, "imported 0 of 2 rows (0 already present, 1 rejected)"))
      << strict.output;

  auto lenient = run_concord({"import", "weapons", path, "--db", url});
  EXPECT_EQ(lenient.exit_code, 5) << lenient.output;
  EXPECT_TRUE(contains(lenient.output,
                       "line 3, field \"state\": unknown state \"XX\" (an ISO 3166-1 alpha-2 "
                       "code in upper case, such as FR)"))
      << lenient.output;
  EXPECT_TRUE(contains(lenient.output, "imported 1 of 2 rows (0 already present, 1 rejected)"))
      << lenient.output;

  auto for_germany = run_concord({"import", "weapons", path, "--db", url, "--state", "de"});
  EXPECT_EQ(for_germany.exit_code, 5) << for_germany.output;
  EXPECT_TRUE(contains(for_germany.output, "line 2, field \"state\"")) << for_germany.output;
  std::remove(path.c_str());
}

TEST(WeaponsCli, UsageAndInputErrorsHaveTheirExitCodes) {
  const std::string url = fresh_database_url(store::Backend::sqlite);
  auto missing = run_concord({"import", "weapons", "/nonexistent/weapons.csv", "--db", url});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  auto no_file = run_concord({"import", "weapons", "--db", url});
  EXPECT_EQ(no_file.exit_code, 2) << no_file.output;
  auto bad_state =
      run_concord({"import", "weapons", "-", "--db", url, "--state", "QQ"}, {}, "anything\n");
  EXPECT_EQ(bad_state.exit_code, 2) << bad_state.output;
  auto bad_header = run_concord({"import", "weapons", "-", "--db", url}, {}, "a,b,c\n1,2,3\n");
  EXPECT_EQ(bad_header.exit_code, 5) << bad_header.output;
  EXPECT_TRUE(contains(bad_header.output, "unknown column \"a\"")) << bad_header.output;
  auto repeated = run_concord({"import", "weapons", "-", "--db", url}, {}, "state,state\n");
  EXPECT_EQ(repeated.exit_code, 5) << repeated.output;
  EXPECT_EQ(run_concord({"gen", "weapons", "--n", "many"}).exit_code, 2);
  for (const auto& command : {std::vector<std::string>{"import", "weapons", "--help"},
                              std::vector<std::string>{"gen", "weapons", "--help"}}) {
    auto help = run_concord(command);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_TRUE(contains(help.output, "Usage")) << help.output;
  }
}

}  // namespace
}  // namespace concord::testing
