// `concord region | plan | need | offer` on both backends: an operator's region, a state's plan
// and need, a donor's offer that notifies the state, the lists, and a bad field named with exit
// code 1 and nothing stored.
#include <gtest/gtest.h>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(PlanCli, PublishesAPlanANeedAndAnOfferThatNotifiesTheState) {
  for (auto backend : all_backends()) {
    const std::string url = fresh_database_url(backend);
    auto region = run_concord({"region", "set", "Mekong", "LA,KH", "--db", url});
    ASSERT_EQ(region.exit_code, 0) << region.output;
    EXPECT_TRUE(contains(region.output, "Mekong: KH LA")) << region.output;

    auto plan = run_concord({"plan", "add", "--state", "LA", "--title", "Lao plan", "--first-year",
                             "2027", "--last-year", "2030", "--db", url});
    ASSERT_EQ(plan.exit_code, 0) << plan.output;
    const auto id_at = plan.output.find("01");
    ASSERT_NE(id_at, std::string::npos) << plan.output;
    const std::string plan_id = plan.output.substr(id_at, 26);

    auto bad = run_concord({"need", "add", "--state", "LA", "--plan", plan_id, "--theme",
                            "clearance", "--description", "teams", "--currency", "USD", "--year",
                            "2027:1.234", "--db", url});
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_TRUE(contains(bad.output, "years[0].cost")) << bad.output;
    auto none = run_concord({"need", "list", "--db", url});
    ASSERT_EQ(none.exit_code, 0) << none.output;
    EXPECT_FALSE(contains(none.output, "clearance")) << none.output;

    auto need =
        run_concord({"need", "add", "--state", "LA", "--plan", plan_id, "--theme", "clearance",
                     "--description", "survey teams", "--currency", "USD", "--year",
                     "2027:150000.50:25000", "--year", "2028:200000", "--db", url});
    ASSERT_EQ(need.exit_code, 0) << need.output;
    EXPECT_TRUE(contains(need.output, "350000.50 USD (requested 325000.50)")) << need.output;

    auto offer =
        run_concord({"offer",          "add",         "--donor",    "state:NO", "--title",
                     "Clearance fund", "--theme",     "clearance",  "--region", "Mekong",
                     "--amount",       "1000000",     "--currency", "EUR",      "--first-year",
                     "2027",           "--last-year", "2029",       "--db",     url});
    ASSERT_EQ(offer.exit_code, 0) << offer.output;
    EXPECT_TRUE(contains(offer.output, "notified    LA")) << offer.output;

    auto offers = run_concord({"offer", "list", "--open", "--db", url});
    ASSERT_EQ(offers.exit_code, 0) << offers.output;
    EXPECT_TRUE(contains(offers.output, "state:NO  open  1000000.00 EUR  2027-2029"))
        << offers.output;
    auto shown = run_concord({"plan", "show", plan_id, "--db", url});
    ASSERT_EQ(shown.exit_code, 0) << shown.output;
    EXPECT_TRUE(contains(shown.output, "survey teams")) << shown.output;
  }
}

}  // namespace
}  // namespace concord::testing
