// `concord stockpile` and `concord casualty` on both backends: records for --state, read back
// with --json; a bad flag named with exit code 1 and nothing stored; a casualty CSV imported
// whole, and one with a personal-identifier column refused whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The JSON document the command printed (its output may start with log lines).
json printed_json(const std::string& output) {
  const auto start = output.find_first_of("{[");
  if (start == std::string::npos) return json();
  return json::parse(output.substr(start), nullptr, false);
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path =
      std::filesystem::temp_directory_path() /
      (name + "-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       std::to_string(std::rand()));
  std::ofstream(path) << text;
  return path.string();
}

TEST(StockpileCli, RecordsForAStateAndNamesABadFlag) {
  for (auto backend : all_backends()) {
    const std::string url = fresh_database_url(backend);
    auto declared =
        run_concord({"stockpile", "declare", "--state", "LA", "--category", "cluster_munitions",
                     "--quantity", "1000", "--as-of", "2020-01-01", "--db", url});
    ASSERT_EQ(declared.exit_code, 0) << declared.output;
    auto destroyed =
        run_concord({"stockpile", "destroy", "--state", "LA", "--date", "2021-06-01", "--category",
                     "cluster_munitions", "--quantity", "250", "--method", "open_detonation",
                     "--site", "Depot 3", "--verified-by", "NRA", "--db", url});
    ASSERT_EQ(destroyed.exit_code, 0) << destroyed.output;
    auto deadline = run_concord({"stockpile", "deadline", "set", "--state", "LA", "--instrument",
                                 "ccm", "--obligation", "stockpile_destruction", "--category",
                                 "cluster_munitions", "--deadline", "2030-08-01", "--db", url});
    ASSERT_EQ(deadline.exit_code, 0) << deadline.output;

    auto bad = run_concord({"stockpile", "declare", "--state", "LA", "--category", "grenades",
                            "--quantity", "1", "--as-of", "2020-01-01", "--db", url});
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_TRUE(contains(bad.output, "--category")) << bad.output;
    auto future = run_concord({"stockpile", "retain", "--state", "LA", "--category",
                               "cluster_munitions", "--quantity", "1", "--as-of", "2999-01-01",
                               "--purpose", "training", "--db", url});
    EXPECT_EQ(future.exit_code, 1) << future.output;
    EXPECT_TRUE(contains(future.output, "--as-of")) << future.output;

    auto list = run_concord({"stockpile", "list", "--state", "LA", "--json", "--db", url});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    const json records = printed_json(list.output);
    ASSERT_TRUE(records.is_object()) << list.output;
    EXPECT_EQ(records["declarations"].size(), 1u);
    EXPECT_EQ(records["destructions"][0]["quantity"], 250);
    EXPECT_EQ(records["retained"].size(), 0u);

    auto progress = run_concord({"stockpile", "progress", "--state", "LA", "--category",
                                 "cluster_munitions", "--on", "2022-01-01", "--json", "--db", url});
    ASSERT_EQ(progress.exit_code, 0) << progress.output;
    const json figures = printed_json(progress.output);
    EXPECT_EQ(figures["remaining"], 750) << progress.output;
    EXPECT_EQ(figures["deadline"], "2030-08-01");
  }
}

TEST(StockpileCli, ImportsCasualtiesWholeOrNotAtAll) {
  for (auto backend : all_backends()) {
    const std::string url = fresh_database_url(backend);
    const std::string good =
        write_temp("casualties.csv",
                   "year,area,device_type,outcome,sex,age_group,status,count\n"
                   "2022,Xieng Khouang,cluster_munition_remnant,killed,male,child,civilian,2\n"
                   "2022,Savannakhet,other_erw,injured,female,adult,,3\n");
    const std::string identified = write_temp(
        "identified.json",
        R"([{"year": 2022, "area": "A", "device_type": "other_erw", "outcome": "killed",)"
        R"( "count": 1}, {"year": 2022, "area": "B", "device_type": "other_erw",)"
        R"( "outcome": "killed", "count": 1, "national_id": "123"}])");
    auto refused = run_concord({"casualty", "import", identified, "--state", "LA", "--db", url});
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_TRUE(contains(refused.output, "rows[1].national_id")) << refused.output;

    auto imported = run_concord({"casualty", "import", good, "--state", "LA", "--db", url});
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_TRUE(contains(imported.output, "stored 2 casualty rows")) << imported.output;
    auto summary = run_concord(
        {"casualty", "summary", "--state", "LA", "--year", "2022", "--json", "--db", url});
    ASSERT_EQ(summary.exit_code, 0) << summary.output;
    const json totals = printed_json(summary.output);
    EXPECT_EQ(totals["total"], 5) << summary.output;
    EXPECT_EQ(totals["by_age_group"]["child"], 2);

    auto service =
        run_concord({"casualty", "service", "add", "--state", "LA", "--year", "2022", "--service",
                     "rehabilitation", "--area", "Xieng Khouang", "--provider", "COPE",
                     "--people-reached", "10", "--people-in-need", "0", "--db", url});
    EXPECT_EQ(service.exit_code, 1) << service.output;
    EXPECT_TRUE(contains(service.output, "--people-in-need")) << service.output;
    std::filesystem::remove(good);
    std::filesystem::remove(identified);
  }
}

}  // namespace
}  // namespace concord::testing
