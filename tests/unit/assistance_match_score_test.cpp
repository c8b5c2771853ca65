// Match scores and their explanations: the hard filters with every reason, and the weighted
// factors, with scores computed by hand from the default weights (0.20 theme, 0.20 amount,
// 0.15 years, 0.10 priority, 0.15 diversification, 0.20 urgency over a 1825-day horizon).
#include <gtest/gtest.h>

#include <cmath>

#include "assistance/match_score.h"

namespace concord::assistance {
namespace {

Offer clearance_offer() {
  Offer offer;
  offer.id = "offer-1";
  offer.donor = {DonorType::state, "NO"};
  offer.title = "Clearance support";
  offer.themes = {Theme::clearance, Theme::risk_education};
  offer.priority_countries = {"BF", "KH"};
  offer.first_year = 2026;
  offer.last_year = 2030;
  offer.amount_minor = 400'000;
  offer.currency = "USD";
  return offer;
}

NeedProfile clearance_need() {
  NeedProfile need;
  need.state = "BF";
  need.theme = Theme::clearance;
  need.years = {2025, 2026, 2027};
  need.requested_minor = 1'500'000;
  need.gap_minor = 1'000'000;
  need.effective_deadline = "2027-11-23";
  need.other_donors = 1;
  return need;
}

const ScoreFactor& factor(const MatchScore& score, const std::string& name) {
  for (const auto& f : score.factors) {
    if (f.name == name) return f;
  }
  ADD_FAILURE() << "no factor " << name;
  static const ScoreFactor none;
  return none;
}

TEST(AssistanceMatchScore, DefaultWeightsSumToOneAndValidate) {
  const MatchWeights weights;
  EXPECT_DOUBLE_EQ(weights.theme_fit + weights.amount_overlap + weights.years_overlap +
                       weights.donor_priority + weights.diversification + weights.urgency,
                   1.0);
  EXPECT_TRUE(weights.validate().ok());
}

TEST(AssistanceMatchScore, BadWeightsAreRefusedNamingTheWeight) {
  MatchWeights negative;
  negative.urgency = -0.1;
  ASSERT_FALSE(negative.validate().ok());
  EXPECT_EQ(negative.validate().error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(negative.validate().error().field, "urgency");

  MatchWeights not_finite;
  not_finite.theme_fit = std::nan("");
  EXPECT_EQ(not_finite.validate().error().field, "theme_fit");

  MatchWeights zero{0, 0, 0, 0, 0, 0, 1825};
  EXPECT_EQ(zero.validate().error().field, "weights");

  MatchWeights no_horizon;
  no_horizon.urgency_horizon_days = 0;
  EXPECT_EQ(no_horizon.validate().error().field, "urgency_horizon_days");
}

TEST(AssistanceMatchScore, ScoresEachFactorWithItsExplanation) {
  const Offer offer = clearance_offer();
  const MatchScore score =
      score_match(clearance_need(), {&offer, true, 400'000}, MatchWeights{}, "2026-11-23");
  ASSERT_TRUE(score.candidate());
  ASSERT_EQ(score.factors.size(), 6u);

  EXPECT_DOUBLE_EQ(factor(score, "theme_fit").value, 1.0);
  EXPECT_EQ(factor(score, "theme_fit").explanation, "the offer covers clearance");
  EXPECT_DOUBLE_EQ(factor(score, "amount_overlap").value, 0.4);
  EXPECT_EQ(factor(score, "amount_overlap").explanation,
            "the offer can cover 40% of the remaining gap");
  EXPECT_DOUBLE_EQ(factor(score, "years_overlap").value, 2.0 / 3.0);
  EXPECT_EQ(factor(score, "years_overlap").explanation,
            "the offer's years 2026-2030 cover 2 of the need's 3 years");
  EXPECT_DOUBLE_EQ(factor(score, "donor_priority").value, 1.0);
  EXPECT_EQ(factor(score, "donor_priority").explanation,
            "BF is among the donor's priority countries");
  EXPECT_DOUBLE_EQ(factor(score, "diversification").value, 0.5);
  EXPECT_EQ(factor(score, "diversification").explanation, "the need already has 1 other donor");
  // 365 days of a 1825-day horizon: 1 - 0.2.
  EXPECT_DOUBLE_EQ(factor(score, "urgency").value, 0.8);
  EXPECT_EQ(factor(score, "urgency").explanation, "the deadline 2027-11-23 is 365 days away");
  EXPECT_DOUBLE_EQ(factor(score, "urgency").weight, 0.20);

  // 100 * (0.2*1 + 0.2*0.4 + 0.15*2/3 + 0.1*1 + 0.15*0.5 + 0.2*0.8) = 71.5
  EXPECT_NEAR(score.score, 71.5, 1e-9);
}

TEST(AssistanceMatchScore, AnOfferCoveringEverythingForAPastDeadlineScoresHigh) {
  const Offer offer = clearance_offer();
  NeedProfile need = clearance_need();
  need.years = {2026, 2027};
  need.effective_deadline = "2026-01-31";
  need.other_donors = 0;
  const MatchScore score =
      score_match(need, {&offer, true, 2'000'000}, MatchWeights{}, "2026-11-23");
  ASSERT_TRUE(score.candidate());
  EXPECT_EQ(factor(score, "amount_overlap").explanation,
            "the offer can cover all of the remaining gap");
  EXPECT_EQ(factor(score, "years_overlap").explanation,
            "the offer's years 2026-2030 cover 2 of the need's 2 years");
  EXPECT_EQ(factor(score, "diversification").explanation, "the need has no other donor yet");
  EXPECT_EQ(factor(score, "urgency").explanation, "the deadline 2026-01-31 has passed");
  EXPECT_NEAR(score.score, 100.0, 1e-9);
}

TEST(AssistanceMatchScore, FewerDonorsAndNoPriorityAndNoDeadlineScoreLower) {
  Offer offer = clearance_offer();
  offer.priority_countries = {"KH"};
  NeedProfile need = clearance_need();
  need.other_donors = 3;
  need.effective_deadline = "";
  const MatchScore score = score_match(need, {&offer, true, 250'000}, MatchWeights{}, "2026-11-23");
  ASSERT_TRUE(score.candidate());
  EXPECT_EQ(factor(score, "donor_priority").explanation,
            "BF is not among the donor's priority countries");
  EXPECT_DOUBLE_EQ(factor(score, "diversification").value, 0.25);
  EXPECT_EQ(factor(score, "diversification").explanation, "the need already has 3 other donors");
  EXPECT_DOUBLE_EQ(factor(score, "urgency").value, 0.0);
  EXPECT_EQ(factor(score, "urgency").explanation, "the need has no deadline");
  // 100 * (0.2*1 + 0.2*0.25 + 0.15*2/3 + 0 + 0.15*0.25 + 0) = 38.75
  EXPECT_NEAR(score.score, 38.75, 1e-9);
}

TEST(AssistanceMatchScore, DeadlinesBeyondTheHorizonAndTodayAreTheEnds) {
  const Offer offer = clearance_offer();
  NeedProfile need = clearance_need();
  need.effective_deadline = "2036-01-01";
  EXPECT_DOUBLE_EQ(
      factor(score_match(need, {&offer, true, 1}, MatchWeights{}, "2026-11-23"), "urgency").value,
      0.0);
  need.effective_deadline = "2026-11-23";
  const MatchScore today = score_match(need, {&offer, true, 1}, MatchWeights{}, "2026-11-23");
  EXPECT_DOUBLE_EQ(factor(today, "urgency").value, 1.0);
  EXPECT_EQ(factor(today, "urgency").explanation, "the deadline 2026-11-23 is today");
  need.effective_deadline = "2026-11-24";
  EXPECT_EQ(factor(score_match(need, {&offer, true, 1}, MatchWeights{}, "2026-11-23"), "urgency")
                .explanation,
            "the deadline 2026-11-24 is 1 day away");
}

TEST(AssistanceMatchScore, SalwControlAsksTheTitleToNameTheCapacityArea) {
  Offer offer = clearance_offer();
  offer.themes = {Theme::salw_control};
  offer.title = "Record-keeping and marking support";
  NeedProfile need = clearance_need();
  need.theme = Theme::salw_control;
  need.capacity_area = CapacityArea::record_keeping;
  const MatchScore named = score_match(need, {&offer, true, 400'000}, MatchWeights{}, "2026-11-23");
  EXPECT_DOUBLE_EQ(factor(named, "theme_fit").value, 1.0);
  EXPECT_EQ(factor(named, "theme_fit").explanation,
            "the offer covers salw_control and its title names record keeping");

  need.capacity_area = CapacityArea::tracing;
  const MatchScore unnamed =
      score_match(need, {&offer, true, 400'000}, MatchWeights{}, "2026-11-23");
  EXPECT_DOUBLE_EQ(factor(unnamed, "theme_fit").value, 0.5);
  EXPECT_EQ(factor(unnamed, "theme_fit").explanation,
            "the offer covers salw_control but its title does not name tracing");
  // Only theme fit differs: 0.2 * 0.5 less.
  EXPECT_NEAR(named.score - unnamed.score, 10.0, 1e-9);
}

TEST(AssistanceMatchScore, HardFiltersGiveEveryReasonAndNoScore) {
  Offer offer = clearance_offer();
  offer.themes = {Theme::victim_assistance, Theme::risk_education};
  offer.status = OfferStatus::closed;
  offer.first_year = 2020;
  offer.last_year = 2021;
  const MatchScore score =
      score_match(clearance_need(), {&offer, false, 400'000}, MatchWeights{}, "2026-11-23");
  EXPECT_FALSE(score.candidate());
  EXPECT_EQ(score.score, 0.0);
  EXPECT_TRUE(score.factors.empty());
  EXPECT_EQ(score.exclusions,
            (std::vector<std::string>{
                "the offer does not cover clearance (it covers victim_assistance, risk_education)",
                "BF is not eligible for the offer", "the offer is closed",
                "the offer's years 2020-2021 miss every year of the need"}));
}

TEST(AssistanceMatchScore, AFullyFundedNeedGetsNoAmountOverlap) {
  const Offer offer = clearance_offer();
  NeedProfile need = clearance_need();
  need.gap_minor = 0;
  const MatchScore score = score_match(need, {&offer, true, 400'000}, MatchWeights{}, "2026-11-23");
  ASSERT_TRUE(score.candidate());
  EXPECT_DOUBLE_EQ(factor(score, "amount_overlap").value, 0.0);
  EXPECT_EQ(factor(score, "amount_overlap").explanation, "the need is fully funded");
}

TEST(AssistanceMatchScore, CustomWeightsAreNormalisedByTheirSum) {
  const Offer offer = clearance_offer();
  MatchWeights only_priority{0, 0, 0, 2.0, 0, 0, 1825};
  EXPECT_NEAR(score_match(clearance_need(), {&offer, true, 1}, only_priority, "2026-11-23").score,
              100.0, 1e-9);
}

TEST(AssistanceMatchScore, DaysBetweenDates) {
  EXPECT_EQ(days_between("2024-02-28", "2024-03-01"), 2);
  EXPECT_EQ(days_between("2026-11-23", "2026-11-20"), -3);
  EXPECT_EQ(days_between("2026-11-23", "bad"), std::nullopt);
}

}  // namespace
}  // namespace concord::assistance
