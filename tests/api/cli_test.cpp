// The `concord` command line: subcommands, help, configuration precedence and exit codes.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "api/api_fixture.h"
#include "store/database.h"

namespace concord::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Cli, VersionNamesTheSchema) {
  auto result = run_concord({"version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(
      std::regex_search(result.output, std::regex(R"(concord \d+\.\d+\.\d+ \(schema \d+\))")))
      << result.output;
}

TEST(Cli, EverySubcommandHasHelp) {
  for (const char* command : {"serve", "migrate", "demo", "version"}) {
    auto result = run_concord({command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_TRUE(contains(result.output, "Usage")) << command << ": " << result.output;
  }
  auto top = run_concord({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_TRUE(contains(top.output, "Exit codes"));
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_concord({}).exit_code, 2);
  EXPECT_EQ(run_concord({"serve", "--no-such-flag"}).exit_code, 2);
  auto bad_value = run_concord({"serve", "--workers", "many", "--print-config"});
  EXPECT_EQ(bad_value.exit_code, 2);
  EXPECT_TRUE(contains(bad_value.output, "workers")) << bad_value.output;
}

TEST(Cli, PrintConfigShowsPrecedenceAndOrigins) {
  auto result = run_concord({"serve", "--print-config", "--listen", "127.0.0.1:9"},
                            {"CONCORD_WORKERS=3", "CONCORD_LISTEN=127.0.0.1:7"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "listen = \"127.0.0.1:9\"")) << result.output;
  EXPECT_TRUE(contains(result.output, "(from flag --listen)"));
  EXPECT_TRUE(contains(result.output, "workers = 3"));
  EXPECT_TRUE(contains(result.output, "(from env CONCORD_WORKERS)"));
  EXPECT_TRUE(contains(result.output, "body_limit_bytes = 8388608"));
}

TEST(Cli, MigrateIsIdempotentAndBothBackendsReportTheSameVersion) {
  std::set<std::string> versions;
  for (auto backend : all_backends()) {
    const std::string url = fresh_database_url(backend);
    auto first = run_concord({"migrate", "--db", url});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    auto second = run_concord({"migrate", "--db", url});
    ASSERT_EQ(second.exit_code, 0) << second.output;
    const std::regex version(R"(schema version (\d+))");
    std::smatch a, b;
    ASSERT_TRUE(std::regex_search(first.output, a, version)) << first.output;
    ASSERT_TRUE(std::regex_search(second.output, b, version));
    EXPECT_EQ(a[1], b[1]);
    EXPECT_FALSE(contains(second.output, "applying migration"));
    versions.insert(a[1]);
  }
  EXPECT_EQ(versions.size(), 1u);
}

TEST(Cli, UnreachableDatabaseExitsWithThree) {
  auto result = run_concord({"migrate", "--db", "postgresql://postgres@127.0.0.1:1/nothing"});
  EXPECT_EQ(result.exit_code, 3) << result.output;
}

TEST(Cli, DemoFillsOnceAndIsIdempotent) {
  const std::string url = fresh_database_url(store::Backend::sqlite);
  auto first = run_concord({"demo", "--db", url});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_FALSE(contains(first.output, " 0 organisations created"));
  EXPECT_TRUE(contains(first.output, "300 records with typed markings, 39 tracing requests"))
      << first.output;
  auto second = run_concord({"demo", "--db", url});
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_TRUE(contains(second.output, " 0 organisations created")) << second.output;
  EXPECT_TRUE(contains(second.output, " 0 records with typed markings, 0 tracing requests, 0 "))
      << second.output;
  EXPECT_TRUE(contains(second.output, " 0 national plans, 0 offers, 0 partnerships, 0 funding"))
      << second.output;
  EXPECT_TRUE(contains(second.output,
                       " 0 destruction events, 0 hazardous areas, 0 land releases, 0 casualty "
                       "rows, 0 victim assistance services"))
      << second.output;

  // The tracing demo: requests in every status, some overdue today, and cross-check hits.
  auto db = store::open_database(url);
  ASSERT_TRUE(db.ok());
  auto count = [&](const std::string& sql) {
    auto rows = store::in_transaction(**db, store::TransactionMode::read_only,
                                      [&](store::Transaction& tx) { return tx.query(sql); });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->rows.at(0).integer(0) : -1;
  };
  EXPECT_EQ(count("SELECT COUNT(DISTINCT status) FROM tracing_legs"), 10);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT status) FROM tracing_requests"), 3);
  EXPECT_GT(count("SELECT COUNT(*) FROM tracing_legs WHERE status IN ('sent', 'acknowledged', "
                  "'more_information_requested', 'in_progress') AND answer_due_at < "
                  "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM cross_check_hits"), 100);
  EXPECT_EQ(count("SELECT COUNT(*) FROM marking_systems"), 5);
  // Assistance: plans of six affected states, offers of six donors, partnerships, five budget
  // years of flows of every kind, and the rates to convert them.
  EXPECT_EQ(count("SELECT COUNT(*) FROM assistance_plans"), 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assistance_offers"), 6);
  EXPECT_GE(count("SELECT COUNT(*) FROM assistance_matches WHERE status = 'partnership'"), 5);
  EXPECT_GE(count("SELECT COUNT(*) FROM assistance_matches WHERE status = 'proposed'"), 1);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT kind) FROM funding_flows"), 4);
  EXPECT_GE(count("SELECT COUNT(DISTINCT budget_year) FROM funding_flows"), 5);
  EXPECT_GT(count("SELECT COUNT(*) FROM exchange_rates"), 100);

  // Operations: years of history for five affected states, nothing dated this year or later.
  const std::string this_year = "strftime('%Y', 'now')";
  const std::string last_year = "(CAST(" + this_year + " AS INTEGER) - 1)";
  EXPECT_EQ(count("SELECT COUNT(DISTINCT state) FROM operations_hazardous_areas"), 5);
  EXPECT_GE(count("SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM operations_hazardous_areas "
                  "GROUP BY state) AS per_state"),
            20);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT contamination) FROM operations_hazardous_areas"), 3);
  EXPECT_GT(count("SELECT COUNT(*) FROM (SELECT area_id FROM operations_hazard_classifications "
                  "GROUP BY area_id HAVING COUNT(*) > 1) AS reclassified"),
            10);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT method) FROM operations_land_releases"), 3);
  EXPECT_GT(count("SELECT COUNT(*) FROM operations_release_items"), 50);
  EXPECT_EQ(count("SELECT COUNT(*) FROM operations_land_releases WHERE (method = 'cleared') <> "
                  "(depth_cm IS NOT NULL)"),
            0);
  EXPECT_GE(count("SELECT COUNT(*) FROM operations_deadlines WHERE extended_to <> ''"), 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM operations_deadlines WHERE obligation = "
                  "'stockpile_destruction'"),
            4);
  EXPECT_GE(count("SELECT COUNT(DISTINCT state) FROM operations_retained_quantities"), 3);
  EXPECT_GE(count("SELECT COUNT(DISTINCT method) FROM operations_destruction_events"), 4);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT service) FROM operations_victim_services"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT state FROM operations_casualties GROUP BY state "
                  "HAVING SUM(CASE WHEN year = 2016 THEN count ELSE 0 END) > SUM(CASE WHEN year "
                  "= " +
                  last_year + " THEN count ELSE 0 END)) AS declining"),
            5);
  const std::string from_this_year = "(" + this_year + " || '-01-01')";
  EXPECT_EQ(
      count("SELECT (SELECT COUNT(*) FROM operations_destruction_events WHERE date >= " +
            from_this_year +
            ") + (SELECT COUNT(*) FROM operations_land_releases WHERE date >= " + from_this_year +
            ") + (SELECT COUNT(*) FROM operations_hazardous_areas WHERE recorded_on >= " +
            from_this_year + ") + (SELECT COUNT(*) FROM operations_casualties WHERE year > " +
            last_year + ") + (SELECT COUNT(*) FROM operations_victim_services WHERE year > " +
            last_year + ")"),
      0);
  // Lao PDR last year, the report screenshot's case: every part of a CCM Article 7 draft.
  const std::string la_last_year = "state = 'LA' AND year = " + last_year;
  const std::string la_dated_last_year =
      "state = 'LA' AND date LIKE CAST(" + last_year + " AS TEXT) || '-%'";
  EXPECT_GT(count("SELECT COUNT(*) FROM operations_destruction_events WHERE " + la_dated_last_year),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM operations_land_releases WHERE method = 'cleared' AND " +
                  la_dated_last_year),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM operations_casualties WHERE " + la_last_year), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM operations_victim_services WHERE " + la_last_year), 0);
}

TEST(Cli, BusyAddressExitsWithFour) {
  ServerProcess first(fresh_database_url(store::Backend::sqlite));
  ASSERT_NE(first.port(), 0);
  auto second = run_concord({"serve", "--db", fresh_database_url(store::Backend::sqlite),
                             "--listen", "127.0.0.1:" + std::to_string(first.port())});
  EXPECT_EQ(second.exit_code, 4) << second.output;
}

}  // namespace
}  // namespace concord::testing
