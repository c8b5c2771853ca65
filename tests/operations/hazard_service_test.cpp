// HazardService on both backends: an area's round trip with its computed km2, refused geometry,
// classification over time, land release figures on a day (overlaps counted once, remaining never
// negative), ownership refusals and the severity band configuration.
#include "operations/hazard_service.h"

#include <gtest/gtest.h>

#include <cmath>

#include "access/audit_trail.h"
#include "core/clock.h"
#include "core/id.h"
#include "directory/directory_service.h"
#include "operations/geodesic_area.h"
#include "operations/hazard_json.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::operations {
namespace {

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

access::Principal user(const std::string& state, access::Role role) {
  access::Principal principal;
  principal.user_id = "user-" + state + "-" + std::string(access::to_string(role));
  principal.username = std::string(access::to_string(role)) + "." + state;
  principal.state = state;
  principal.roles = {role};
  principal.credential = access::Credential::session;
  principal.second_factor = true;
  return principal;
}

access::Principal contact(const std::string& state) {
  return user(state, access::Role::national_contact);
}

// A square of `side` degrees with its south-west corner at (lon, lat).
MultiPolygon square(double lon, double lat, double side) {
  Ring ring{{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}};
  return MultiPolygon{{Polygon{{ring}}}};
}

class HazardServiceTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    clock_.set(*parse_iso8601("2026-06-01T09:00:00Z"));
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
    service_ = std::make_unique<HazardService>(*db_, reference(), clock_, ids_, audit_);
  }

  HazardousAreaInput input(MultiPolygon geometry = square(103.0, 13.0, 0.01)) {
    HazardousAreaInput in;
    in.state = "KH";
    in.name = "North field";
    in.region = "Battambang";
    in.contamination = Contamination::mines;
    in.classification = HazardClassification::suspected;
    in.geometry = std::move(geometry);
    in.recorded_on = "2024-01-10";
    return in;
  }

  HazardousArea record(MultiPolygon geometry = square(103.0, 13.0, 0.01)) {
    auto area = service_->record_area(contact("KH"), input(std::move(geometry)));
    EXPECT_TRUE(area.ok()) << area.error().field << ": " << area.error().message;
    return *area;
  }

  LandReleaseRecord release(ReleaseMethod method, const std::string& date, MultiPolygon geometry) {
    LandReleaseRecord out;
    out.method = method;
    out.date = date;
    out.geometry = std::move(geometry);
    if (method == ReleaseMethod::cleared) {
      out.depth_cm = 30;
      out.items = {{DeviceType::anti_personnel_mine, 4, 4}};
    }
    out.operator_name = "HALO Trust";
    return out;
  }

  std::int64_t count_rows(const std::string& table) {
    auto counted = store::in_transaction(
        *db_, store::TransactionMode::read_only,
        [&](store::Transaction& tx) -> Result<std::int64_t> {
          CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM " + table));
          return rows.rows.front().integer(0);
        });
    EXPECT_TRUE(counted.ok());
    return *counted;
  }

  ManualClock clock_{TimePoint{}};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<HazardService> service_;
};

TEST_P(HazardServiceTest, AnAreaRoundTripsWithItsComputedArea) {
  const auto area = record();
  // A 0.01 degree square at 13 N: about 1.08 km by 1.11 km on the WGS84 ellipsoid.
  EXPECT_NEAR(area.area_km2, 1.2001, 0.0001);
  EXPECT_DOUBLE_EQ(area.area_km2, geodesic_area_km2(area.geometry));
  auto view = service_->area(access::Principal::anonymous(), area.id, "2026-01-01");
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->area.name, "North field");
  EXPECT_EQ(view->area.region, "Battambang");
  EXPECT_EQ(view->area.state, "KH");
  EXPECT_EQ(view->area.recorded_on, "2024-01-10");
  EXPECT_DOUBLE_EQ(view->area.area_km2, area.area_km2);
  EXPECT_EQ(to_wkt(view->area.geometry), to_wkt(area.geometry));
  EXPECT_EQ(view->classification, HazardClassification::suspected);
  EXPECT_DOUBLE_EQ(view->figures.remaining_km2, area.area_km2);
  EXPECT_EQ(count_rows("operations_hazard_classifications"), 1);
}

TEST_P(HazardServiceTest, BadGeometryIsRefusedWithItsPathAndNothingIsStored) {
  const auto document = nlohmann::json::parse(R"({
      "name": "Bow tie", "contamination": "mines", "recorded_on": "2024-01-10",
      "geometry": {"type": "Polygon",
                   "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}})");
  auto decoded = hazardous_area_input_from_json(document, "KH");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(decoded.error().field.rfind("geometry", 0), 0u) << decoded.error().field;

  const auto unclosed = nlohmann::json::parse(R"({
      "name": "Open", "contamination": "mines", "recorded_on": "2024-01-10",
      "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}})");
  auto open = hazardous_area_input_from_json(unclosed, "KH");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().field.rfind("geometry.coordinates[0]", 0), 0u) << open.error().field;

  // Built in code, it is checked by the service too.
  MultiPolygon bow_tie{{Polygon{{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}}}};
  auto refused = service_->record_area(contact("KH"), input(bow_tie));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field.rfind("geometry", 0), 0u);
  EXPECT_EQ(count_rows("operations_hazardous_areas"), 0);
  EXPECT_EQ(count_rows("operations_hazard_classifications"), 0);
}

TEST_P(HazardServiceTest, UnknownFieldsAreRefusedByName) {
  auto area = hazardous_area_input_from_json(
      nlohmann::json::parse(R"({"name": "x", "contamination": "mines", "recorded_on": "2024-01-01",
          "area_km2": 3, "geometry": {"type": "Polygon",
          "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}})"),
      "KH");
  ASSERT_FALSE(area.ok());
  EXPECT_EQ(area.error().field, "area_km2");
  auto released = land_release_from_json(nlohmann::json::parse(
      R"({"method": "cleared", "date": "2025-01-01", "items": [{"device_type": "other_erw",
          "found": 2, "destroyed": 1, "weight": 3}],
          "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}})"));
  ASSERT_FALSE(released.ok());
  EXPECT_EQ(released.error().field, "items[0].weight");
}

TEST_P(HazardServiceTest, ClassificationHoldsOverTime) {
  const auto area = record();
  ClassificationChange change;
  change.classification = HazardClassification::confirmed;
  change.as_of = "2025-03-01";
  change.note = "technical survey found a mine";
  auto classified = service_->classify(contact("KH"), area.id, change);
  ASSERT_TRUE(classified.ok()) << classified.error().message;
  EXPECT_EQ(service_->area(contact("LA"), area.id, "2024-01-09")->classification, std::nullopt);
  EXPECT_EQ(service_->area(contact("LA"), area.id, "2025-02-28")->classification,
            HazardClassification::suspected);
  EXPECT_EQ(service_->area(contact("LA"), area.id, "2025-03-01")->classification,
            HazardClassification::confirmed);

  change.as_of = "2023-12-31";  // before the area was recorded
  auto early = service_->classify(contact("KH"), area.id, change);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "as_of");
  change.as_of = "2026-06-02";  // tomorrow
  EXPECT_EQ(service_->classify(contact("KH"), area.id, change).error().field, "as_of");
}

TEST_P(HazardServiceTest, ReleasesAreCountedOnceAndRemainingNeverGoesNegative) {
  const auto area = record();
  // The west half cleared in 2025, then the whole area plus a margin cancelled in 2026: the
  // overlap counts once, as cleared.
  auto cleared = service_->record_release(contact("KH"), area.id,
                                          release(ReleaseMethod::cleared, "2025-05-01",
                                                  MultiPolygon{{Polygon{{{{103.0, 13.0},
                                                                          {103.005, 13.0},
                                                                          {103.005, 13.01},
                                                                          {103.0, 13.01},
                                                                          {103.0, 13.0}}}}}}));
  ASSERT_TRUE(cleared.ok()) << cleared.error().field << ": " << cleared.error().message;
  EXPECT_EQ(cleared->state, "KH");
  ASSERT_EQ(cleared->items.size(), 1u);

  auto before = service_->area(contact("KH"), area.id, "2025-04-30");
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->releases.empty());
  EXPECT_DOUBLE_EQ(before->figures.remaining_km2, area.area_km2);
  EXPECT_DOUBLE_EQ(before->figures.released_km2, 0);

  auto half = service_->area(contact("KH"), area.id, "2025-05-01");
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->releases.size(), 1u);
  EXPECT_NEAR(half->figures.cleared_km2, area.area_km2 / 2, 0.001);
  EXPECT_NEAR(half->figures.remaining_km2, area.area_km2 / 2, 0.001);

  auto cancelled =
      service_->record_release(contact("KH"), area.id,
                               release(ReleaseMethod::cancelled_by_non_technical_survey,
                                       "2026-01-15", square(102.99, 12.99, 0.03)));
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  auto all = service_->area(contact("KH"), area.id, "2026-06-01");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->releases.size(), 2u);
  EXPECT_NEAR(all->figures.released_km2, area.area_km2, 1e-6);
  EXPECT_NEAR(all->figures.cleared_km2, area.area_km2 / 2, 0.001);
  EXPECT_NEAR(all->figures.cancelled_km2, area.area_km2 / 2, 0.001);
  EXPECT_GE(all->figures.remaining_km2, 0);
  EXPECT_NEAR(all->figures.remaining_km2, 0, 1e-6);
  EXPECT_TRUE(all->figures.remaining.empty());

  // The list of KH's areas gives the same figures.
  auto listed = service_->areas(access::Principal::anonymous(), std::string("KH"), "2026-06-01");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_NEAR(listed->front().figures.remaining_km2, 0, 1e-6);
  // Before the area was recorded it is not listed.
  EXPECT_TRUE(service_->areas(contact("KH"), std::string("KH"), "2024-01-09")->empty());
}

TEST_P(HazardServiceTest, ReleaseChecksMethodFieldsDatesAndGeometry) {
  const auto area = record();
  auto reduced =
      release(ReleaseMethod::reduced_by_technical_survey, "2025-01-01", square(103.0, 13.0, 0.005));
  reduced.depth_cm = 20;
  EXPECT_EQ(service_->record_release(contact("KH"), area.id, reduced).error().field, "depth_cm");
  reduced.depth_cm.reset();
  reduced.items = {{DeviceType::other_erw, 1, 1}};
  EXPECT_EQ(service_->record_release(contact("KH"), area.id, reduced).error().field, "items");

  auto cleared = release(ReleaseMethod::cleared, "2025-01-01", square(103.0, 13.0, 0.005));
  cleared.items = {{DeviceType::other_erw, 1, 2}};
  EXPECT_EQ(service_->record_release(contact("KH"), area.id, cleared).error().field,
            "items[0].destroyed");
  cleared.items = {{DeviceType::other_erw, 1, 1}, {DeviceType::other_erw, 2, 2}};
  EXPECT_EQ(service_->record_release(contact("KH"), area.id, cleared).error().field,
            "items[1].device_type");

  auto early = release(ReleaseMethod::cleared, "2024-01-09", square(103.0, 13.0, 0.005));
  EXPECT_EQ(service_->record_release(contact("KH"), area.id, early).error().field, "date");
  auto future = release(ReleaseMethod::cleared, "2026-06-02", square(103.0, 13.0, 0.005));
  EXPECT_EQ(service_->record_release(contact("KH"), area.id, future).error().field, "date");

  auto elsewhere = release(ReleaseMethod::cleared, "2025-01-01", square(104.0, 13.0, 0.005));
  auto refused = service_->record_release(contact("KH"), area.id, elsewhere);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "geometry");
  EXPECT_NE(refused.error().message.find("nothing of it lies within the area"), std::string::npos);
  // Touching the edge only is nothing within it either.
  auto touching = release(ReleaseMethod::cleared, "2025-01-01", square(103.01, 13.0, 0.005));
  EXPECT_EQ(service_->record_release(contact("KH"), area.id, touching).error().field, "geometry");

  auto unknown = service_->record_release(contact("KH"), "01JUNKNOWN", cleared);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_EQ(count_rows("operations_land_releases"), 0);
  EXPECT_EQ(count_rows("operations_release_items"), 0);
}

TEST_P(HazardServiceTest, OnlyTheStatesOwnContactsWrite) {
  const auto area = record();
  const auto refusals = {contact("LA"), user("KH", access::Role::civil_society),
                         access::Principal::anonymous()};
  for (const auto& actor : refusals) {
    auto added = service_->record_area(actor, input());
    ASSERT_FALSE(added.ok()) << actor.username;
    EXPECT_TRUE(added.error().code == ErrorCode::permission_denied ||
                added.error().code == ErrorCode::unauthenticated)
        << actor.username;
    ClassificationChange change;
    change.classification = HazardClassification::confirmed;
    change.as_of = "2025-01-01";
    EXPECT_FALSE(service_->classify(actor, area.id, change).ok()) << actor.username;
    EXPECT_FALSE(service_
                     ->record_release(
                         actor, area.id,
                         release(ReleaseMethod::cleared, "2025-01-01", square(103.0, 13.0, 0.005)))
                     .ok())
        << actor.username;
  }
  EXPECT_EQ(count_rows("operations_hazardous_areas"), 1);
  EXPECT_EQ(count_rows("operations_hazard_classifications"), 1);
  EXPECT_EQ(count_rows("operations_land_releases"), 0);
  // Another state's contact is refused naming the state.
  auto other = service_->record_area(contact("LA"), input());
  EXPECT_EQ(other.error().code, ErrorCode::permission_denied);
  EXPECT_NE(other.error().message.find("KH"), std::string::npos);
  // Anyone reads.
  EXPECT_TRUE(service_->area(access::Principal::anonymous(), area.id, "").ok());
}

TEST_P(HazardServiceTest, BandsAreSetByOperatorsAndReadByAnyone) {
  auto defaults = service_->severity_bands(access::Principal::anonymous());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->general.bands().size(), SeverityBands::defaults().bands().size());

  const std::string document =
      R"({"measure": "km2", "bands": [{"name": "low", "min": 0}, {"name": "high", "min": 2}],
          "by_type": {"other_erw": {"bands": [{"name": "any", "min": 0}]}}})";
  auto refused = service_->set_severity_bands(contact("KH"), document);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);

  auto set = service_->set_severity_bands(user("", access::Role::operator_), document);
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto read = service_->severity_bands(access::Principal::anonymous());
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->general.bands().size(), 2u);
  EXPECT_EQ(read->general.bands()[1].name, "high");
  EXPECT_EQ(*read->general.band_for(2.0), "high");
  EXPECT_EQ(*read->for_type("other_erw").band_for(50), "any");

  auto bad = service_->set_severity_bands(user("", access::Role::operator_),
                                          R"({"bands": [{"name": "x", "min": 1}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field.rfind("bands[0]", 0), 0u) << bad.error().field;
  EXPECT_EQ(service_->severity_bands(access::Principal::anonymous())->general.bands().size(), 2u);
}

TEST_P(HazardServiceTest, FeatureCollectionIsRfc7946) {
  const auto area = record();
  ASSERT_TRUE(service_
                  ->record_release(
                      contact("KH"), area.id,
                      release(ReleaseMethod::cleared, "2025-05-01", square(103.0, 13.0, 0.005)))
                  .ok());
  auto collection =
      service_->feature_collection(access::Principal::anonymous(), std::string("KH"), "", true);
  ASSERT_TRUE(collection.ok()) << collection.error().message;
  EXPECT_EQ((*collection)["type"], "FeatureCollection");
  ASSERT_EQ((*collection)["features"].size(), 2u);
  const auto& first = (*collection)["features"][0];
  EXPECT_EQ(first["type"], "Feature");
  EXPECT_EQ(first["properties"]["id"], area.id);
  EXPECT_EQ(first["properties"]["classification"], "suspected");
  // A quarter of the square was cleared.
  EXPECT_NEAR(first["properties"]["remaining_km2"].get<double>(), area.area_km2 * 3 / 4, 0.001);
  const auto& second = (*collection)["features"][1];
  EXPECT_EQ(second["properties"]["area_id"], area.id);
  EXPECT_EQ(second["properties"]["method"], "cleared");
  EXPECT_EQ(second["properties"]["depth_cm"], 30);
  auto without =
      service_->feature_collection(access::Principal::anonymous(), std::nullopt, "", false);
  EXPECT_EQ((*without)["features"].size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, HazardServiceTest,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::operations
