// The plan store on both backends: plans, obligations with their latest progress, needs with
// their years, offers with their JSON lists, regions and offer eligibility round-trip as written.
#include "assistance/plan_fixture.h"

namespace concord::assistance {
namespace {

using store::Transaction;
using store::TransactionMode;

class PlanStoreTest : public PlanTest {
 protected:
  template <typename Work>
  void write(Work&& work) {
    auto result = store::in_transaction(*db_, TransactionMode::read_write,
                                        [&](Transaction& tx) -> Result<bool> {
                                          CONCORD_TRY(work(tx));
                                          return true;
                                        });
    ASSERT_TRUE(result.ok()) << result.error().message;
  }

  Plan plan(const std::string& state, Visibility visibility = Visibility::public_) {
    Plan plan;
    plan.id = ids_.next();
    plan.state = state;
    plan.title = "Plan of " + state;
    plan.first_year = 2027;
    plan.last_year = 2030;
    plan.visibility = visibility;
    plan.created_by = "contact";
    plan.created_at = "2027-01-15T09:00:00.000Z";
    plan.updated_at = plan.created_at;
    return plan;
  }
};

TEST_P(PlanStoreTest, PlansObligationsAndProgressRoundTrip) {
  Plan laos = plan("LA");
  Plan hidden = plan("KH", Visibility::restricted);
  Obligation clearance;
  clearance.id = ids_.next();
  clearance.plan_id = laos.id;
  clearance.theme = Theme::salw_control;
  clearance.capacity_area = CapacityArea::tracing;
  clearance.treaty_basis = TreatyBasis::poa_iti;
  clearance.description = "train tracing officers";
  clearance.unit = "officers_trained";
  clearance.target_quantity = 120.5;
  clearance.baseline_quantity = 10;
  clearance.deadline = "2029-12-31";
  clearance.extended_deadline = "2030-06-30";
  clearance.created_at = clearance.updated_at = "2027-01-15T09:00:00.000Z";
  Obligation restricted = clearance;
  restricted.id = ids_.next();
  restricted.capacity_area.reset();
  restricted.theme = Theme::clearance;
  restricted.extended_deadline.reset();
  restricted.visibility = Visibility::restricted;
  write([&](Transaction& tx) -> Result<void> {
    CONCORD_TRY(insert_plan(tx, laos));
    CONCORD_TRY(insert_plan(tx, hidden));
    CONCORD_TRY(insert_obligation(tx, clearance));
    CONCORD_TRY(insert_obligation(tx, restricted));
    CONCORD_TRY(insert_progress_report(
        tx, {ids_.next(), clearance.id, "2028-01-01", 50, "second", "contact", "t2"}));
    CONCORD_TRY(insert_progress_report(
        tx, {ids_.next(), clearance.id, "2027-06-01", 20, "first", "contact", "t1"}));
    return {};
  });
  laos.title = "Revised";
  laos.visibility = Visibility::restricted;
  write([&](Transaction& tx) { return update_plan(tx, laos); });

  auto read_back = read([&](Transaction& tx) { return get_plan(tx, laos.id); });
  EXPECT_EQ(read_back.title, "Revised");
  EXPECT_EQ(read_back.visibility, Visibility::restricted);
  EXPECT_EQ(read_back.first_year, 2027);
  EXPECT_EQ(read_back.created_by, "contact");
  auto all = read([&](Transaction& tx) { return list_plans(tx, std::nullopt, false); });
  EXPECT_EQ(all.size(), 2u);
  auto public_only = read([&](Transaction& tx) { return list_plans(tx, std::nullopt, true); });
  EXPECT_TRUE(public_only.empty());
  auto of_laos = read([&](Transaction& tx) { return list_plans(tx, std::string("LA"), false); });
  ASSERT_EQ(of_laos.size(), 1u);

  auto obligations = read([&](Transaction& tx) { return list_obligations(tx, laos.id, false); });
  ASSERT_EQ(obligations.size(), 2u);
  EXPECT_EQ(obligations[0].id, clearance.id);
  EXPECT_EQ(obligations[0].capacity_area, CapacityArea::tracing);
  EXPECT_EQ(obligations[0].target_quantity, 120.5);
  EXPECT_EQ(obligations[0].effective_deadline(), "2030-06-30");
  ASSERT_TRUE(obligations[0].latest_progress.has_value());
  EXPECT_EQ(obligations[0].latest_progress->note, "second");
  EXPECT_FALSE(obligations[1].capacity_area.has_value());
  EXPECT_FALSE(obligations[1].extended_deadline.has_value());
  EXPECT_FALSE(obligations[1].latest_progress.has_value());
  auto reports = read([&](Transaction& tx) { return list_progress_reports(tx, clearance.id); });
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].as_of, "2027-06-01");
  EXPECT_EQ(reports[1].achieved_quantity, 50);

  auto missing = store::in_transaction(*db_, TransactionMode::read_only,
                                       [&](Transaction& tx) { return get_plan(tx, "nope"); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "plan_id");
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(PlanStoreTest, NeedsKeepTheirYearsAndFilters) {
  Plan laos = plan("LA");
  Plan cambodia = plan("KH");
  Need need;
  need.id = ids_.next();
  need.plan_id = laos.id;
  need.state = "LA";
  need.theme = Theme::clearance;
  need.description = "survey";
  need.currency = "USD";
  need.years = {{2027, 100000, 25000}, {2028, 200000, 0}};
  need.created_at = need.updated_at = "t";
  Need other = need;
  other.id = ids_.next();
  other.plan_id = cambodia.id;
  other.state = "KH";
  other.theme = Theme::victim_assistance;
  other.visibility = Visibility::restricted;
  write([&](Transaction& tx) -> Result<void> {
    CONCORD_TRY(insert_plan(tx, laos));
    CONCORD_TRY(insert_plan(tx, cambodia));
    CONCORD_TRY(insert_need(tx, need));
    return insert_need(tx, other);
  });
  auto read_back = read([&](Transaction& tx) { return get_need(tx, need.id); });
  EXPECT_EQ(read_back.years, need.years);
  EXPECT_FALSE(read_back.obligation_id.has_value());
  EXPECT_EQ(read_back.requested_minor(), 275000);

  need.years = {{2029, 5, 1}};
  need.description = "updated";
  write([&](Transaction& tx) { return update_need(tx, need); });
  read_back = read([&](Transaction& tx) { return get_need(tx, need.id); });
  EXPECT_EQ(read_back.years, need.years);
  EXPECT_EQ(read_back.description, "updated");

  EXPECT_EQ(read([&](Transaction& tx) { return list_needs(tx, {}); }).size(), 2u);
  NeedFilter by_state;
  by_state.state = "KH";
  auto cambodian = read([&](Transaction& tx) { return list_needs(tx, by_state); });
  ASSERT_EQ(cambodian.size(), 1u);
  EXPECT_EQ(cambodian[0].years.size(), 2u);
  NeedFilter by_theme;
  by_theme.theme = Theme::clearance;
  EXPECT_EQ(read([&](Transaction& tx) { return list_needs(tx, by_theme); }).size(), 1u);
  NeedFilter visible;
  visible.public_only = true;
  auto shown = read([&](Transaction& tx) { return list_needs(tx, visible); });
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].id, need.id);
}

TEST_P(PlanStoreTest, OffersAndRegionsDecideEligibility) {
  write([&](Transaction& tx) { return replace_region(tx, "Mekong", {"LA", "KH", "VN"}); });
  write([&](Transaction& tx) { return replace_region(tx, "Mekong", {"LA", "KH"}); });
  write([&](Transaction& tx) { return replace_region(tx, "Balkans", {"BA"}); });
  EXPECT_EQ(read([&](Transaction& tx) { return region_countries(tx, "Mekong"); }),
            (std::vector<std::string>{"KH", "LA"}));
  auto regions = read([&](Transaction& tx) { return list_regions(tx); });
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_EQ(regions[0].first, "Balkans");

  Offer offer;
  offer.id = ids_.next();
  offer.donor = {DonorType::organisation, "01ORG"};
  offer.kind = AssistanceKind::training;
  offer.title = "Tracing courses";
  offer.themes = {Theme::salw_control, Theme::risk_education};
  offer.eligible_countries = {"TD"};
  offer.eligible_regions = {"Mekong"};
  offer.priority_countries = {"LA"};
  offer.amount_minor = 123456;
  offer.currency = "EUR";
  offer.first_year = 2027;
  offer.last_year = 2029;
  offer.modality = Modality::technical_cooperation;
  offer.conditions = "co-funding";
  offer.created_at = offer.updated_at = "t";
  Offer everywhere = offer;
  everywhere.id = ids_.next();
  everywhere.donor = {DonorType::state, "NO"};
  everywhere.themes = {Theme::clearance};
  everywhere.eligible_countries.clear();
  everywhere.eligible_regions.clear();
  write([&](Transaction& tx) -> Result<void> {
    CONCORD_TRY(insert_offer(tx, offer));
    return insert_offer(tx, everywhere);
  });
  auto read_back = read([&](Transaction& tx) { return get_offer(tx, offer.id); });
  EXPECT_EQ(read_back.donor, offer.donor);
  EXPECT_EQ(read_back.themes, offer.themes);
  EXPECT_EQ(read_back.eligible_regions, offer.eligible_regions);
  EXPECT_EQ(read_back.priority_countries, offer.priority_countries);
  EXPECT_EQ(read_back.amount_minor, 123456);
  EXPECT_EQ(read_back.modality, Modality::technical_cooperation);

  auto eligible = [&](const Offer& o, const std::string& state) {
    return read([&](Transaction& tx) { return offer_eligible_for(tx, o, state); });
  };
  EXPECT_TRUE(eligible(offer, "TD"));
  EXPECT_TRUE(eligible(offer, "LA"));
  EXPECT_FALSE(eligible(offer, "VN"));  // left the region
  EXPECT_FALSE(eligible(offer, "BA"));
  EXPECT_TRUE(eligible(everywhere, "BA"));

  offer.status = OfferStatus::withdrawn;
  write([&](Transaction& tx) { return update_offer(tx, offer); });
  OfferFilter open;
  open.open_only = true;
  auto open_offers = read([&](Transaction& tx) { return list_offers(tx, open); });
  ASSERT_EQ(open_offers.size(), 1u);
  EXPECT_EQ(open_offers[0].id, everywhere.id);
  OfferFilter by_theme;
  by_theme.theme = Theme::risk_education;
  EXPECT_EQ(read([&](Transaction& tx) { return list_offers(tx, by_theme); }).size(), 1u);
  OfferFilter by_donor;
  by_donor.donor = Donor{DonorType::state, "NO"};
  EXPECT_EQ(read([&](Transaction& tx) { return list_offers(tx, by_donor); }).size(), 1u);
  EXPECT_EQ(read([&](Transaction& tx) { return list_offers(tx, {}); }).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanStoreTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::assistance
