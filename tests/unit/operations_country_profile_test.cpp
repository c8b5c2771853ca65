// The country profile, every figure against a hand-computed case. The demo state "LA", 2025:
//  - area A (mines, 0..0.1 x 0..0.1 degrees, suspected from 2020, confirmed from 2024-06-01),
//    released in strips of longitude: 0..0.02 cancelled 2023-05-01, 0..0.04 (0.02..0.04 new)
//    cleared 2024-03-01, 0.04..0.07 cleared 2025-04-01 (5 AP mines found, 4 destroyed; 2 AV
//    mines), 0.06..0.09 reduced 2025-08-01 (the overlap 0.06..0.07 stays cleared), 0.09..0.1
//    cleared 2026-02-01 (after the year). Equal-width strips of one box have equal areas, so
//    figures are widths times the km² of a 0.01 strip;
//  - area B (cluster munition remnants, 1..1.05 x 1..1.05, recorded 2025-02-01, never
//    classified confirmed), 1..1.02 of latitude cancelled 2025-06-01;
//  - area C (recorded 2026) and area D (another state) count for nothing.
#include <gtest/gtest.h>

#include "assistance/donor.h"
#include "operations/country_profile.h"
#include "operations/geodesic_area.h"

namespace concord::operations {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

MultiPolygon box(double west, double south, double east, double north) {
  return {
      {Polygon{{Ring{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}}}}};
}
double km2(double west, double south, double east, double north) {
  return geodesic_area_km2(box(west, south, east, north));
}
constexpr double kTolerance = 1e-4;

ClassificationChange classified(HazardClassification classification, const char* as_of) {
  ClassificationChange change;
  change.classification = classification;
  change.as_of = as_of;
  return change;
}

LandReleaseRecord released(ReleaseMethod method, const char* date, MultiPolygon geometry,
                           std::vector<ItemsFound> items = {}) {
  LandReleaseRecord release;
  release.method = method;
  release.date = date;
  release.geometry = std::move(geometry);
  release.items = std::move(items);
  return release;
}

HazardousAreaView area(const char* id, const char* state, Contamination contamination,
                       MultiPolygon geometry, const char* recorded_on,
                       std::vector<ClassificationChange> classifications,
                       std::vector<LandReleaseRecord> releases) {
  HazardousAreaView view;
  view.area.id = id;
  view.area.state = state;
  view.area.name = std::string("Area ") + id;
  view.area.contamination = contamination;
  view.area.area_km2 = geodesic_area_km2(geometry);
  view.area.geometry = std::move(geometry);
  view.area.recorded_on = recorded_on;
  view.area.classifications = std::move(classifications);
  for (auto& release : releases) {
    release.area_id = id;
    release.state = state;
  }
  view.releases = std::move(releases);
  return view;
}

DestructionEvent destroyed(const char* date, std::int64_t quantity,
                           StockpileCategory category = StockpileCategory::anti_personnel_mines,
                           const char* ammunition_type = "") {
  DestructionEvent event;
  event.state = "LA";
  event.date = date;
  event.category = category;
  event.ammunition_type = ammunition_type;
  event.quantity = quantity;
  event.site = "Phonsavan range";
  event.verified_by = "national inspectorate";
  return event;
}

TreatyDeadline deadline(Instrument instrument, DeadlineObligation obligation,
                        std::optional<StockpileCategory> category, const char* date) {
  TreatyDeadline stored;
  stored.state = "LA";
  stored.instrument = instrument;
  stored.obligation = obligation;
  stored.category = category;
  stored.deadline.date = date;
  return stored;
}

CasualtyCount casualty(int year, const char* area_name, CasualtyOutcome outcome, Sex sex,
                       AgeGroup age, std::int64_t count, const char* state = "LA") {
  CasualtyCount row;
  row.year = year;
  row.area = area_name;
  row.device_type = DeviceType::cluster_munition_remnant;
  row.outcome = outcome;
  row.sex = sex;
  row.age_group = age;
  row.status = CasualtyStatus::civilian;
  row.count = count;
  row.state = state;
  return row;
}

VictimService service(int year, VictimServiceType type, std::int64_t reached, std::int64_t need) {
  VictimService line;
  line.state = "LA";
  line.year = year;
  line.service = type;
  line.area = "Xieng Khouang";
  line.provider = "provincial hospital";
  line.people_reached = reached;
  line.people_in_need = need;
  return line;
}

assistance::FundingFlow flow(const char* donor, assistance::FlowKind kind, std::int64_t minor,
                             const char* activity, assistance::Theme theme, int budget_year = 2025,
                             const char* recipient = "LA") {
  assistance::FundingFlow out;
  out.flow_id = std::string("flow-") + activity + std::to_string(minor);
  out.kind = kind;
  out.donor = {assistance::DonorType::state, donor};
  out.recipient_state = recipient;
  out.activity = activity;
  out.theme = theme;
  out.sector = std::string(assistance::dac_sector(theme));
  out.budget_year = budget_year;
  out.amount_minor = minor;
  out.currency = "USD";
  out.value_date = "2025-03-01";
  return out;
}

ProfileInputs demo_inputs() {
  ProfileInputs inputs;
  inputs.state = "LA";
  inputs.year = 2025;
  inputs.areas.push_back(area(
      "A", "LA", Contamination::mines, box(0, 0, 0.1, 0.1), "2020-01-01",
      {classified(HazardClassification::suspected, "2020-01-01"),
       classified(HazardClassification::confirmed, "2024-06-01")},
      {released(ReleaseMethod::cancelled_by_non_technical_survey, "2023-05-01",
                box(0, 0, 0.02, 0.1)),
       released(ReleaseMethod::cleared, "2024-03-01", box(0.02, 0, 0.04, 0.1),
                {{DeviceType::anti_personnel_mine, 10, 10}}),
       released(ReleaseMethod::cleared, "2025-04-01", box(0.04, 0, 0.07, 0.1),
                {{DeviceType::anti_personnel_mine, 5, 4}, {DeviceType::anti_vehicle_mine, 2, 2}}),
       released(ReleaseMethod::reduced_by_technical_survey, "2025-08-01", box(0.06, 0, 0.09, 0.1)),
       released(ReleaseMethod::cleared, "2026-02-01", box(0.09, 0, 0.1, 0.1),
                {{DeviceType::other_erw, 1, 1}})}));
  inputs.areas.push_back(area("B", "LA", Contamination::cluster_munition_remnants,
                              box(1, 1, 1.05, 1.05), "2025-02-01",
                              {classified(HazardClassification::suspected, "2025-02-01")},
                              {released(ReleaseMethod::cancelled_by_non_technical_survey,
                                        "2025-06-01", box(1, 1, 1.05, 1.02))}));
  inputs.areas.push_back(area("C", "LA", Contamination::other_erw, box(2, 2, 2.1, 2.1),
                              "2026-01-10",
                              {classified(HazardClassification::suspected, "2026-01-10")}, {}));
  inputs.areas.push_back(area("D", "KH", Contamination::mines, box(3, 3, 3.1, 3.1), "2020-01-01",
                              {classified(HazardClassification::suspected, "2020-01-01")}, {}));

  inputs.stockpiles.declarations = {
      {"LA", StockpileCategory::anti_personnel_mines, "", 1000, "2020-01-01", "d1"},
      {"LA", StockpileCategory::anti_personnel_mines, "", 800, "2024-01-01", "d2"},
      {"LA", StockpileCategory::ammunition, "7.62x39mm", 5000, "2024-05-01", "d3"},
      {"KH", StockpileCategory::light_weapons, "", 70, "2024-05-01", "d4"}};
  inputs.stockpiles.events = {
      destroyed("2023-06-01", 100),
      destroyed("2024-06-01", 200),
      destroyed("2025-03-01", 150),
      destroyed("2025-09-01", 50),
      destroyed("2026-01-15", 10),
      destroyed("2025-02-02", 5000, StockpileCategory::ammunition, "7.62x39mm")};
  inputs.stockpiles.retained = {{"LA", StockpileCategory::anti_personnel_mines, "", 20,
                                 "2022-01-01", RetentionPurpose::training, "r1"},
                                {"LA", StockpileCategory::cluster_munitions, "", 30, "2025-01-01",
                                 RetentionPurpose::training, "r2"}};
  inputs.deadlines = {
      deadline(Instrument::apmbc, DeadlineObligation::clearance, std::nullopt, "2028-12-31"),
      deadline(Instrument::apmbc, DeadlineObligation::stockpile_destruction,
               StockpileCategory::anti_personnel_mines, "2025-06-01"),
      deadline(Instrument::ccm, DeadlineObligation::clearance, std::nullopt, "2026-08-01"),
      deadline(Instrument::ccm, DeadlineObligation::stockpile_destruction,
               StockpileCategory::cluster_munitions, "2027-01-01")};
  inputs.deadlines[2].deadline.extended_to = "2030-08-01";

  inputs.casualties = {
      casualty(2025, "Xieng Khouang", CasualtyOutcome::killed, Sex::male, AgeGroup::adult, 3),
      casualty(2025, "Houaphan", CasualtyOutcome::injured, Sex::female, AgeGroup::child, 2),
      casualty(2024, "Houaphan", CasualtyOutcome::injured, Sex::female, AgeGroup::child, 7),
      casualty(2025, "Battambang", CasualtyOutcome::killed, Sex::male, AgeGroup::adult, 9, "KH")};
  inputs.victim_services = {service(2025, VictimServiceType::medical_care, 50, 200),
                            service(2025, VictimServiceType::medical_care, 30, 100),
                            service(2025, VictimServiceType::rehabilitation, 45, 30),
                            service(2024, VictimServiceType::psychosocial_support, 5, 10)};

  using assistance::FlowKind;
  using assistance::Theme;
  inputs.funding_flows = {
      flow("NO", FlowKind::commitment, 100000, "a1", Theme::clearance),
      flow("NO", FlowKind::disbursement, 60000, "a1", Theme::clearance),
      flow("JP", FlowKind::pledge, 50000, "a2", Theme::victim_assistance),
      flow("JP", FlowKind::commitment, 30000, "a3", Theme::salw_control),
      flow("NO", FlowKind::commitment, 999, "a4", Theme::clearance, 2024),
      flow("NO", FlowKind::commitment, 777, "a5", Theme::clearance, 2025, "KH")};
  inputs.funding.currency = "USD";
  inputs.funding.rates_on = "2025-12-31";
  return inputs;
}

CountryProfile demo_profile() {
  auto profile = build_country_profile(demo_inputs(), reference());
  EXPECT_TRUE(profile.ok()) << profile.error().field << ": " << profile.error().message;
  return profile.ok() ? *profile : CountryProfile{};
}

// The km² of a strip of area A 0.01 degree wide.
double strip() {
  return km2(0, 0, 0.01, 0.1);
}

TEST(OperationsCountryProfile, RemainingAreaByContaminationAndClassification) {
  const auto profile = demo_profile();
  EXPECT_EQ(profile.year_end, "2025-12-31");
  const auto& remaining = profile.contamination.remaining_km2;
  // A: only 0.09..0.1 remains, confirmed since 2024-06-01.
  EXPECT_NEAR(remaining.at("mines").at("confirmed"), 1 * strip(), kTolerance);
  EXPECT_EQ(remaining.at("mines").at("suspected"), 0);
  // B: 1.02..1.05 of latitude remains, still suspected.
  EXPECT_NEAR(remaining.at("cluster_munition_remnants").at("suspected"), km2(1, 1.02, 1.05, 1.05),
              kTolerance);
  EXPECT_EQ(remaining.at("cluster_munition_remnants").at("confirmed"), 0);
  // C was recorded after the year; D is another state's.
  EXPECT_EQ(remaining.at("other_erw").at("suspected"), 0);
  EXPECT_EQ(remaining.at("other_erw").at(kUnclassified), 0);
  EXPECT_NEAR(profile.contamination.total_remaining_km2, strip() + km2(1, 1.02, 1.05, 1.05),
              kTolerance);
  EXPECT_NEAR(profile.contamination.total_hazard_km2, km2(0, 0, 0.1, 0.1) + km2(1, 1, 1.05, 1.05),
              kTolerance);
  ASSERT_EQ(profile.contamination.areas.size(), 2u);
  EXPECT_EQ(profile.contamination.areas[0].id, "A");
  EXPECT_EQ(profile.contamination.areas[1].classification, "suspected");
}

TEST(OperationsCountryProfile, AnAreaWithNoClassificationYetIsUnclassified) {
  auto inputs = demo_inputs();
  inputs.areas[1].area.classifications[0].as_of = "2026-01-01";
  auto profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_NEAR(
      profile->contamination.remaining_km2.at("cluster_munition_remnants").at(kUnclassified),
      km2(1, 1.02, 1.05, 1.05), kTolerance);
}

TEST(OperationsCountryProfile, SeverityBandPerContaminationType) {
  // The defaults (light < 5 <= medium < 20 <= heavy < 100 <= massive). A strip is about
  // 1.11 km x 11.1 km = 12.3 km²: medium. B's remainder, 5.6 km x 3.3 km = 18.4 km²: medium;
  // with bands of its own (light below 1, heavy from 10) heavy. other_erw: nothing, light.
  auto inputs = demo_inputs();
  auto config = severity_bands_from_json(
      R"({"bands": [{"name": "light", "min": 0}, {"name": "medium", "min": 5},
                    {"name": "heavy", "min": 20}, {"name": "massive", "min": 100}],
          "by_type": {"cluster_munition_remnants": {"bands": [{"name": "light", "min": 0},
                                                              {"name": "heavy", "min": 10}]}}})");
  ASSERT_TRUE(config.ok()) << config.error().message;
  inputs.bands = *config;
  auto profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  ASSERT_EQ(profile->contamination.bands.size(), 3u);
  EXPECT_GT(strip(), 12.0);
  EXPECT_LT(strip(), 12.5);
  EXPECT_EQ(profile->contamination.bands[0].contamination, "mines");
  EXPECT_EQ(profile->contamination.bands[0].band, "medium");
  EXPECT_NEAR(profile->contamination.bands[0].value, strip(), kTolerance);
  EXPECT_EQ(profile->contamination.bands[1].band, "heavy");
  EXPECT_EQ(profile->contamination.bands[2].band, "light");
  EXPECT_EQ(profile->contamination.bands[2].measure, "km2");
}

TEST(OperationsCountryProfile, ABandSetOfAnotherMeasureIsNamedNotGuessed) {
  auto inputs = demo_inputs();
  auto config = severity_bands_from_json(
      R"({"bands": [{"name": "light", "min": 0}],
          "by_type": {"mines": {"measure": "items_per_km2",
                                "bands": [{"name": "low", "min": 0}]}}})");
  ASSERT_TRUE(config.ok()) << config.error().message;
  inputs.bands = *config;
  auto profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->contamination.bands[0].measure, "items_per_km2");
  EXPECT_EQ(profile->contamination.bands[0].band, "");
}

TEST(OperationsCountryProfile, AreaReleasedInTheYearByMethodCountsEachSquareMetreOnce) {
  const auto profile = demo_profile();
  const auto& in_year = profile.contamination.released_in_year;
  // 0.04..0.07 cleared; 0.07..0.09 reduced (0.06..0.07 was cleared first, strongest kept);
  // B's 1..1.02 cancelled.
  EXPECT_NEAR(in_year.cleared_km2, 3 * strip(), kTolerance);
  EXPECT_NEAR(in_year.reduced_km2, 2 * strip(), kTolerance);
  EXPECT_NEAR(in_year.cancelled_km2, km2(1, 1, 1.05, 1.02), kTolerance);
  // The year's release is the fall in remaining area: A's 0.04..0.09 and B's cancelled part.
  EXPECT_NEAR(in_year.total(), 5 * strip() + km2(1, 1, 1.05, 1.02), kTolerance);
  EXPECT_NEAR(profile.contamination.areas[0].released_in_year.cleared_km2, 3 * strip(), kTolerance);
}

TEST(OperationsCountryProfile, CumulativeReleasedByMethod) {
  const auto profile = demo_profile();
  const auto& cumulative = profile.contamination.released_cumulative;
  EXPECT_NEAR(cumulative.cleared_km2, 5 * strip(), kTolerance);  // 0.02..0.07
  EXPECT_NEAR(cumulative.reduced_km2, 2 * strip(), kTolerance);  // 0.07..0.09
  EXPECT_NEAR(cumulative.cancelled_km2, 2 * strip() + km2(1, 1, 1.05, 1.02), kTolerance);
}

TEST(OperationsCountryProfile, ClearanceItemsDestroyedInTheYearByDevice) {
  const auto profile = demo_profile();
  const auto& items = profile.destruction.clearance_items;
  EXPECT_EQ(items.size(), 6u);                          // every device type listed
  EXPECT_EQ(items.at("anti_personnel_mine").found, 5);  // 2024's 10 are another year's
  EXPECT_EQ(items.at("anti_personnel_mine").destroyed, 4);
  EXPECT_EQ(items.at("anti_vehicle_mine").destroyed, 2);
  EXPECT_EQ(items.at("other_erw").destroyed, 0);  // cleared in 2026
  EXPECT_EQ(profile.destruction.clearance_items_destroyed, 6);
}

TEST(OperationsCountryProfile, StockpilesDeclaredDestroyedAndRetained) {
  const auto profile = demo_profile();
  const auto& stockpiles = profile.destruction.stockpiles;
  ASSERT_EQ(stockpiles.size(), 3u);
  const auto& mines = stockpiles[0];
  EXPECT_EQ(mines.category, "anti_personnel_mines");
  EXPECT_EQ(mines.declared, 800);  // the 2024 declaration replaces the 2020 one
  EXPECT_EQ(mines.declared_as_of, "2024-01-01");
  EXPECT_EQ(mines.destroyed_in_year, 200);     // 150 + 50
  EXPECT_EQ(mines.destroyed_cumulative, 500);  // 100 + 200 + 150 + 50, not 2026's 10
  EXPECT_EQ(mines.retained, 20);
  ASSERT_TRUE(mines.progress.has_value());
  EXPECT_EQ(mines.progress->remaining, 280);  // 800 - 500 - 20
  EXPECT_EQ(mines.progress->status, DeadlineStatus::overdue);
  EXPECT_EQ(mines.progress->deadline, "2025-06-01");

  const auto& cluster = stockpiles[1];  // retained only: nothing declared, no progress
  EXPECT_EQ(cluster.category, "cluster_munitions");
  EXPECT_EQ(cluster.declared, 0);
  EXPECT_EQ(cluster.retained, 30);
  EXPECT_FALSE(cluster.progress.has_value());

  const auto& ammunition = stockpiles[2];
  EXPECT_EQ(ammunition.category, "ammunition");
  EXPECT_EQ(ammunition.ammunition_type, "7.62x39mm");
  EXPECT_EQ(ammunition.destroyed_in_year, 5000);
  ASSERT_TRUE(ammunition.progress.has_value());
  EXPECT_EQ(ammunition.progress->status, DeadlineStatus::completed);
  EXPECT_EQ(ammunition.progress->percent_done, 100);
}

TEST(OperationsCountryProfile, StockpileDeadlinesWithDestructionProgress) {
  const auto profile = demo_profile();
  ASSERT_EQ(profile.deadlines.size(), 4u);  // ccm first, stockpile before clearance
  const auto& ccm_stockpile = profile.deadlines[0];
  EXPECT_EQ(ccm_stockpile.instrument, "ccm");
  EXPECT_EQ(ccm_stockpile.obligation, "stockpile_destruction");
  EXPECT_EQ(ccm_stockpile.category, "cluster_munitions");
  EXPECT_EQ(ccm_stockpile.status, "no_trend");  // nothing declared
  EXPECT_FALSE(ccm_stockpile.projected_completion.has_value());

  const auto& apmbc_stockpile = profile.deadlines[2];
  EXPECT_EQ(apmbc_stockpile.category, "anti_personnel_mines");
  EXPECT_EQ(apmbc_stockpile.status, "overdue");
  EXPECT_EQ(apmbc_stockpile.target, 780);
  EXPECT_EQ(apmbc_stockpile.achieved, 500);
  EXPECT_EQ(apmbc_stockpile.remaining, 280);
  EXPECT_EQ(apmbc_stockpile.unit, "items");
  // Points (days after 2023-06-01, cumulative): (0, 100) (366, 300) (639, 450) (823, 500).
  // Slope 191900 / 384210 = 0.49947 a day; 280 more take 560.6 days: day 561 after the end of
  // the year (the projection runs from the day the figures are of, never from the past).
  EXPECT_EQ(apmbc_stockpile.trend_points, 4);
  EXPECT_EQ(apmbc_stockpile.projected_completion, "2027-07-15");
}

TEST(OperationsCountryProfile, ClearanceDeadlinesProjectFromReleasedArea) {
  const auto profile = demo_profile();
  const auto& ccm_clearance = profile.deadlines[1];
  EXPECT_EQ(ccm_clearance.obligation, "clearance");
  EXPECT_EQ(ccm_clearance.deadline, "2030-08-01");  // the extension
  EXPECT_EQ(ccm_clearance.original_deadline, "2026-08-01");
  EXPECT_TRUE(ccm_clearance.extended);
  EXPECT_EQ(ccm_clearance.unit, "km2");
  EXPECT_NEAR(ccm_clearance.target, km2(1, 1, 1.05, 1.05), kTolerance);  // B only
  EXPECT_NEAR(ccm_clearance.achieved, km2(1, 1, 1.05, 1.02), kTolerance);
  EXPECT_EQ(ccm_clearance.trend_points, 1);
  EXPECT_EQ(ccm_clearance.status, "no_trend");  // one point gives no trend

  const auto& apmbc_clearance = profile.deadlines[3];
  EXPECT_NEAR(apmbc_clearance.target, 10 * strip(), kTolerance);  // A only
  EXPECT_NEAR(apmbc_clearance.achieved, 9 * strip(), kTolerance);
  EXPECT_NEAR(apmbc_clearance.remaining, 1 * strip(), kTolerance);
  // Points in strips (days after 2023-05-01): (0, 2) (305, 4) (701, 7) (823, 9). Slope
  // 3474.5 / 425444.75 = 0.0081667 strips a day; one strip more takes 122.4 days: day 123 after
  // 2025-12-31, before the deadline.
  EXPECT_EQ(apmbc_clearance.trend_points, 4);
  EXPECT_EQ(apmbc_clearance.projected_completion, "2026-05-03");
  EXPECT_EQ(apmbc_clearance.status, "on_track");
}

TEST(OperationsCountryProfile, ClearanceDeadlineStatuses) {
  // At the end of 2024: points (0, 2) and (305, 4) strips, 2/305 of a strip a day; the 6 strips
  // left take 915 days after 2024-12-31: 2027-07-04 (exactly 915 days, so the float noise of
  // geodesic areas may round it up to the next day), after a deadline of 2026-01-01.
  auto inputs = demo_inputs();
  inputs.year = 2024;
  inputs.deadlines[0].deadline.date = "2026-01-01";
  auto profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  ASSERT_EQ(profile->deadlines.size(), 4u);
  ASSERT_TRUE(profile->deadlines[3].projected_completion.has_value());
  EXPECT_GE(*profile->deadlines[3].projected_completion, "2027-07-04");
  EXPECT_LE(*profile->deadlines[3].projected_completion, "2027-07-05");
  EXPECT_EQ(profile->deadlines[3].status, "at_risk");

  inputs.year = 2025;
  inputs.deadlines[0].deadline.date = "2025-10-01";  // passed with land remaining
  profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->deadlines[3].status, "overdue");

  inputs.year = 2026;  // the 2026-02-01 clearance releases the rest
  profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->deadlines[3].status, "completed");
  EXPECT_EQ(profile->deadlines[3].remaining, 0);
}

TEST(OperationsCountryProfile, CasualtiesOfTheYearAndState) {
  const auto profile = demo_profile();
  EXPECT_EQ(profile.casualties.year, 2025);
  EXPECT_EQ(profile.casualties.total, 5);
  EXPECT_EQ(profile.casualties.by_outcome.at("killed"), 3);
  EXPECT_EQ(profile.casualties.by_outcome.at("injured"), 2);
  EXPECT_EQ(profile.casualties.by_sex.at("female"), 2);
  EXPECT_EQ(profile.casualties.by_sex.at("male"), 3);
  EXPECT_EQ(profile.casualties.by_age_group.at("child"), 2);
  EXPECT_EQ(profile.casualties.by_area.at("Houaphan"), 2);
  EXPECT_EQ(profile.casualties.by_area.count("Battambang"), 0u);
  EXPECT_EQ(profile.casualties.by_device_type.at("cluster_munition_remnant"), 5);
}

TEST(OperationsCountryProfile, VictimAssistanceCoveragePerServiceType) {
  const auto profile = demo_profile();
  const auto& coverage = profile.victim_assistance;
  ASSERT_EQ(coverage.size(), 4u);
  EXPECT_EQ(coverage.at("medical_care").people_reached, 80);
  EXPECT_EQ(coverage.at("medical_care").people_in_need, 300);
  EXPECT_EQ(coverage.at("medical_care").services, 2);
  EXPECT_NEAR(*coverage.at("medical_care").coverage, 80.0 / 300.0, 1e-12);
  EXPECT_NEAR(*coverage.at("rehabilitation").coverage, 1.5, 1e-12);        // shown, not capped
  EXPECT_FALSE(coverage.at("psychosocial_support").coverage.has_value());  // 2024's only
  EXPECT_EQ(coverage.at("socio_economic_inclusion").services, 0);
}

TEST(OperationsCountryProfile, FundingReceivedByDonorAndSector) {
  const auto profile = demo_profile();
  const auto& funding = profile.funding;
  EXPECT_EQ(funding.currency, "USD");
  ASSERT_EQ(funding.by_donor.size(), 2u);
  EXPECT_EQ(funding.by_donor[0].key, "state:JP");
  EXPECT_EQ(funding.by_donor[0].counted_minor, 30000);  // the pledge is not counted
  EXPECT_EQ(funding.by_donor[0].pledged_minor, 50000);
  EXPECT_EQ(funding.by_donor[1].key, "state:NO");
  // One activity and year: the larger of committed (100000) and disbursed (60000).
  EXPECT_EQ(funding.by_donor[1].counted_minor, 100000);
  EXPECT_EQ(funding.by_donor[1].disbursed_minor, 60000);
  EXPECT_EQ(funding.by_donor[1].flows, 2);  // not 2024's nor Cambodia's
  ASSERT_EQ(funding.by_sector.size(), 2u);
  EXPECT_EQ(funding.by_sector[0].key, "15240");
  EXPECT_EQ(funding.by_sector[0].counted_minor, 30000);
  EXPECT_EQ(funding.by_sector[1].key, "15250");
  EXPECT_EQ(funding.by_sector[1].counted_minor, 100000);
  EXPECT_EQ(funding.by_sector[1].pledged_minor, 50000);
  EXPECT_EQ(funding.total.counted_minor, 130000);
}

TEST(OperationsCountryProfile, FundingInAnotherCurrencyWithoutARateIsRefused) {
  auto inputs = demo_inputs();
  inputs.funding.currency = "EUR";
  auto profile = build_country_profile(inputs, reference());
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::not_found);
  EXPECT_EQ(profile.error().field, "currency");
}

TEST(OperationsCountryProfile, RefusesAnUnknownStateOrAYearOutOfRange) {
  auto inputs = demo_inputs();
  inputs.state = "XX";
  auto profile = build_country_profile(inputs, reference());
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().field, "state");
  inputs = demo_inputs();
  inputs.year = 1800;
  profile = build_country_profile(inputs, reference());
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().field, "year");
}

TEST(OperationsCountryProfile, FiguresOfADayWithinTheYear) {
  // On 2025-06-30 (the current year's "today"): the 2025-08-01 reduction has not happened, so
  // 0.09..0.1 and 0.07..0.09 remain; the APMBC stockpile deadline (2025-06-01) has passed.
  auto inputs = demo_inputs();
  inputs.as_of = "2025-06-30";
  auto profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->year_end, "2025-06-30");
  EXPECT_NEAR(profile->contamination.remaining_km2.at("mines").at("confirmed"), 3 * strip(),
              kTolerance);
  EXPECT_NEAR(profile->contamination.released_in_year.reduced_km2, 0, kTolerance);
  EXPECT_EQ(profile->destruction.stockpiles[0].destroyed_in_year, 150);
  EXPECT_EQ(profile->deadlines[2].status, "overdue");

  inputs.as_of = "2024-06-30";
  profile = build_country_profile(inputs, reference());
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().field, "as_of");
}

TEST(OperationsCountryProfile, AnEmptyStateHasZeroFiguresEverywhere) {
  ProfileInputs inputs;
  inputs.state = "LA";
  inputs.year = 2025;
  inputs.funding.rates_on = "2025-12-31";
  auto profile = build_country_profile(inputs, reference());
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->contamination.total_remaining_km2, 0);
  EXPECT_EQ(profile->contamination.bands[0].band, "light");
  EXPECT_TRUE(profile->destruction.stockpiles.empty());
  EXPECT_TRUE(profile->deadlines.empty());
  EXPECT_EQ(profile->casualties.total, 0);
  EXPECT_EQ(profile->funding.total.counted_minor, 0);
}

}  // namespace
}  // namespace concord::operations
