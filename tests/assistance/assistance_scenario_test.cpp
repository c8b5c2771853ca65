// The scenario of issue 6, through the services on both backends: a state publishes a plan; two
// donors' offers are matched to its need and become partnerships; one donor pledges, then
// commits part of the pledge and disburses part of the commitment; the gap view shows exactly the
// remainder, in the need's currency and converted, with the conversion date stated.
#include <gtest/gtest.h>

#include "assistance/funding_service.h"
#include "assistance/match_service.h"
#include "plan_fixture.h"

namespace concord::assistance {
namespace {

class AssistanceScenarioTest : public PlanTest {
 protected:
  void SetUp() override {
    PlanTest::SetUp();
    matches_ = std::make_unique<MatchService>(*db_, plan_test_reference(), clock_, ids_, audit_);
    funding_ = std::make_unique<FundingService>(*db_, plan_test_reference(), clock_, ids_, audit_);
  }

  std::unique_ptr<MatchService> matches_;
  std::unique_ptr<FundingService> funding_;
};

TEST_P(AssistanceScenarioTest, PlanMatchedPledgeCommittedPartlyDisbursedLeavesExactGap) {
  const auto operator_ = access::Principal::system("scenario operator");
  // One NOK is worth 0.10 USD and one EUR 1.10 USD from the start of the year.
  ASSERT_TRUE(funding_
                  ->import_rates_csv(operator_,
                                     "date,currency,quote,rate\n"
                                     "2027-01-01,NOK,USD,0.10\n"
                                     "2027-01-01,EUR,USD,1.10\n")
                  .ok());

  // Laos publishes its plan: clearing 40 km2 by 2029, costing 1,000,000 USD a year of which it
  // puts in 100,000: it asks others for 1,800,000 USD.
  const auto laos = contact("LA");
  PlanInput plan_input;
  plan_input.title = "Clearance of cluster munition remnants";
  plan_input.first_year = 2027;
  plan_input.last_year = 2028;
  auto plan = plans_->create_plan(laos, plan_input);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ObligationInput obligation_input;
  obligation_input.theme = "clearance";
  obligation_input.treaty_basis = "ccm";
  obligation_input.description = "Clear land contaminated by cluster munition remnants";
  obligation_input.unit = "km2";
  obligation_input.target_quantity = 40;
  obligation_input.deadline = "2029-08-01";
  auto obligation = plans_->add_obligation(laos, plan->id, obligation_input);
  ASSERT_TRUE(obligation.ok()) << obligation.error().message;
  NeedInput need_input;
  need_input.obligation_id = obligation->id;
  need_input.description = "Clearance teams and equipment";
  need_input.currency = "USD";
  need_input.years = {{2027, "1000000", "100000"}, {2028, "1000000", "100000"}};
  auto need = plans_->add_need(laos, plan->id, need_input);
  ASSERT_TRUE(need.ok()) << need.error().message;

  // Norway and Germany offer funding for clearance.
  OfferInput norway_offer;
  norway_offer.title = "Humanitarian mine action";
  norway_offer.themes = {"clearance"};
  norway_offer.eligible_countries = {"LA", "KH"};
  norway_offer.amount = "5000000";
  norway_offer.currency = "NOK";
  norway_offer.first_year = 2027;
  norway_offer.last_year = 2029;
  auto norway = offers_->publish(officer("NO"), norway_offer);
  ASSERT_TRUE(norway.ok()) << norway.error().message;
  EXPECT_EQ(norway->notified_states, std::vector<std::string>{"LA"});
  OfferInput germany_offer = norway_offer;
  germany_offer.title = "Stabilisation: demining";
  germany_offer.eligible_countries = {};
  germany_offer.amount = "500000";
  germany_offer.currency = "EUR";
  auto germany = offers_->publish(officer("DE"), germany_offer);
  ASSERT_TRUE(germany.ok()) << germany.error().message;

  // Both offers are candidates for the need, each with an explained score.
  auto candidates = matches_->candidates_for_need(laos, need->id, "USD");
  ASSERT_TRUE(candidates.ok()) << candidates.error().message;
  int scored = 0;
  for (const auto& candidate : candidates->candidates) {
    if (!candidate.candidate()) continue;
    ++scored;
    EXPECT_GT(candidate.score.score, 0);
    EXPECT_FALSE(candidate.score.factors.empty());
    EXPECT_EQ(candidate.need_gap_minor, 180'000'000);  // 1,800,000.00 USD
  }
  EXPECT_EQ(scored, 2);

  // Laos proposes both; each donor accepts its side: two partnerships, one coalition.
  auto with_norway = matches_->propose(laos, need->id, norway->offer.id, "3000000");
  ASSERT_TRUE(with_norway.ok()) << with_norway.error().message;
  auto with_germany = matches_->propose(laos, need->id, germany->offer.id, "400000");
  ASSERT_TRUE(with_germany.ok()) << with_germany.error().message;
  // Laos cannot accept for Norway: its side is decided already, and Norway's is Norway's.
  EXPECT_FALSE(matches_->decide(laos, with_norway->id, MatchDecision::accepted, "").ok());
  auto norway_partnership =
      matches_->decide(officer("NO"), with_norway->id, MatchDecision::accepted, "agreed");
  ASSERT_TRUE(norway_partnership.ok()) << norway_partnership.error().message;
  EXPECT_EQ(norway_partnership->status, MatchStatus::partnership);
  ASSERT_TRUE(
      matches_->decide(officer("DE"), with_germany->id, MatchDecision::accepted, "agreed").ok());
  auto coalition = matches_->coalition(laos, plan->id);
  ASSERT_TRUE(coalition.ok()) << coalition.error().message;
  EXPECT_EQ(coalition->members.size(), 2u);

  const auto gap_view = [&](const std::string& currency) {
    FundingQuery query;
    query.currency = currency;
    query.rates_on = "2027-01-15";
    query.plan_id = plan->id;
    auto view = funding_->view(laos, query, FundingGrouping::plan);
    EXPECT_TRUE(view.ok()) << view.error().message;
    return std::move(view).value();
  };

  // Norway pledges 3,000,000 NOK for 2027: recorded, shown, but not funding.
  NewFlow flow;
  flow.kind = "pledge";
  flow.recipient_state = "LA";
  flow.amount = "3000000";
  flow.currency = "NOK";
  flow.value_date = "2027-01-10";
  flow.budget_year = 2027;
  flow.need_id = need->id;
  flow.match_id = with_norway->id;
  ASSERT_TRUE(funding_->record(officer("NO"), flow).ok());
  auto pledged = gap_view("USD");
  EXPECT_EQ(pledged.total.pledged_minor, 30'000'000);
  EXPECT_EQ(pledged.total.counted_minor, 0);
  EXPECT_EQ(pledged.total.gap_minor, 180'000'000);

  // Norway commits 2,000,000 NOK of it and disburses 1,200,000: 200,000 USD is funding (the
  // disbursement is part of the commitment, not added to it).
  flow.kind = "commitment";
  flow.amount = "2000000";
  flow.value_date = "2027-01-12";
  ASSERT_TRUE(funding_->record(officer("NO"), flow).ok());
  flow.kind = "disbursement";
  flow.amount = "1200000";
  flow.value_date = "2027-01-14";
  ASSERT_TRUE(funding_->record(officer("NO"), flow).ok());

  auto in_usd = gap_view("USD");
  EXPECT_EQ(in_usd.rates_on, "2027-01-15");
  EXPECT_EQ(in_usd.oldest_rate_date, "2027-01-01");
  EXPECT_EQ(in_usd.total.requested_minor, 180'000'000);
  EXPECT_EQ(in_usd.total.pledged_minor, 30'000'000);
  EXPECT_EQ(in_usd.total.committed_minor, 20'000'000);
  EXPECT_EQ(in_usd.total.disbursed_minor, 12'000'000);
  EXPECT_EQ(in_usd.total.counted_minor, 20'000'000);
  EXPECT_EQ(in_usd.total.gap_minor, 160'000'000);  // exactly 1,600,000.00 USD left
  ASSERT_TRUE(in_usd.total.coverage_percent.has_value());
  EXPECT_NEAR(*in_usd.total.coverage_percent, 11.11, 1e-9);  // shown to two decimals
  EXPECT_EQ(in_usd.total.donor_count, 1);
  EXPECT_TRUE(in_usd.total.single_donor_dependency);

  // In euros: 1,800,000 USD is 1,636,363.64 EUR and 200,000 USD (through NOK) 181,818.18 EUR.
  auto in_eur = gap_view("EUR");
  EXPECT_EQ(in_eur.total.requested_minor, 163'636'364);
  EXPECT_EQ(in_eur.total.counted_minor, 18'181'818);
  EXPECT_EQ(in_eur.total.gap_minor, 163'636'364 - 18'181'818);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssistanceScenarioTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::assistance
