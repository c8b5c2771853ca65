// The hazardous-area routes over HTTP on both backends: a national contact records an area, a
// classification and releases; anyone reads the figures on a day and the GeoJSON layer
// (application/geo+json); bad geometry and unknown fields are named and store nothing; another
// state's contact is refused; an operator sets the severity bands.
#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;
using HazardApi = ApiTest;

const std::string kArea =
    R"({"name": "Village north field", "region": "Battambang", "contamination": "mines",)"
    R"( "classification": "suspected", "recorded_on": "2024-01-10", "geometry": {"type":)"
    R"( "Polygon", "coordinates": [[[103.0, 13.0], [103.01, 13.0], [103.01, 13.01],)"
    R"( [103.0, 13.01], [103.0, 13.0]]]}})";

const std::string kWestHalfCleared =
    R"({"method": "cleared", "date": "2025-05-01", "depth_cm": 30, "operator_name": "HALO",)"
    R"( "items": [{"device_type": "anti_personnel_mine", "found": 4, "destroyed": 4}],)"
    R"( "geometry": {"type": "Polygon", "coordinates": [[[103.0, 13.0], [103.005, 13.0],)"
    R"( [103.005, 13.01], [103.0, 13.01], [103.0, 13.0]]]}})";

// `document` with `key` set to `value`.
std::string with(const std::string& document, const std::string& key, const json& value) {
  json changed = json::parse(document);
  changed[key] = value;
  return changed.dump();
}

TEST_P(HazardApi, AContactRecordsAnAreaAndAnyoneReadsItsFigures) {
  add_user(db_url_, "kh.contact", "KH", {"national_contact"});
  add_user(db_url_, "la.contact", "LA", {"national_contact"});
  const Session cambodia = sign_in(*client_, "kh.contact");
  const Session laos = sign_in(*client_, "la.contact");

  auto created = as(*client_, cambodia, "POST", "/api/v1/countries/KH/hazardous-areas", kArea);
  ASSERT_EQ(created.status, 201) << created.body;
  const json area = json_of(created);
  const std::string id = area["id"];
  EXPECT_EQ(created.header("location"), "/api/v1/hazardous-areas/" + id);
  EXPECT_NEAR(area["area_km2"].get<double>(), 1.2001, 0.0001);
  EXPECT_EQ(area["classifications"][0]["classification"], "suspected");

  auto foreign = as(*client_, laos, "POST", "/api/v1/countries/KH/hazardous-areas", kArea);
  EXPECT_EQ(foreign.status, 403) << foreign.body;

  auto classified =
      as(*client_, cambodia, "POST", "/api/v1/hazardous-areas/" + id + "/classifications",
         R"({"classification": "confirmed", "as_of": "2025-02-01"})");
  ASSERT_EQ(classified.status, 201) << classified.body;
  auto released = as(*client_, cambodia, "POST", "/api/v1/hazardous-areas/" + id + "/releases",
                     kWestHalfCleared);
  ASSERT_EQ(released.status, 201) << released.body;
  EXPECT_EQ(json_of(released)["depth_cm"], 30);
  EXPECT_EQ(json_of(released)["items"][0]["found"], 4);

  auto before = get("/api/v1/hazardous-areas/" + id + "?on=2025-01-01");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(json_of(before)["classification"], "suspected");
  EXPECT_EQ(json_of(before)["releases"].size(), 0u);
  EXPECT_DOUBLE_EQ(json_of(before)["figures"]["remaining_km2"].get<double>(),
                   area["area_km2"].get<double>());
  auto after = get("/api/v1/hazardous-areas/" + id + "?on=2025-06-01");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(json_of(after)["classification"], "confirmed");
  EXPECT_NEAR(json_of(after)["figures"]["cleared_km2"].get<double>(),
              area["area_km2"].get<double>() / 2, 0.001);

  auto listed = get("/api/v1/countries/KH/hazardous-areas?on=2025-06-01");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(json_of(listed)["areas"].size(), 1u);
  auto releases = get("/api/v1/hazardous-areas/" + id + "/releases");
  ASSERT_EQ(releases.status, 200) << releases.body;
  EXPECT_EQ(json_of(releases)["releases"].size(), 1u);

  auto layer = get("/api/v1/countries/KH/hazardous-areas/geojson?releases=true&on=2025-06-01");
  ASSERT_EQ(layer.status, 200) << layer.body;
  EXPECT_EQ(layer.header("content-type").rfind("application/geo+json", 0), 0u);
  const json collection = json_of(layer);
  EXPECT_EQ(collection["type"], "FeatureCollection");
  ASSERT_EQ(collection["features"].size(), 2u);
  EXPECT_EQ(collection["features"][0]["properties"]["classification"], "confirmed");
  EXPECT_EQ(collection["features"][1]["properties"]["method"], "cleared");

  EXPECT_EQ(error_field(get("/api/v1/countries/KH/hazardous-areas?on=2025-13-01")), "on");
  EXPECT_EQ(error_field(get("/api/v1/countries/KH/hazardous-areas?colour=red")), "colour");
  EXPECT_EQ(error_field(get("/api/v1/countries/KH/hazardous-areas/geojson?releases=yes")),
            "releases");
  EXPECT_EQ(get("/api/v1/hazardous-areas/01JUNKNOWN").status, 404);
}

TEST_P(HazardApi, BadBodiesAreNamedAndStoreNothing) {
  add_user(db_url_, "kh.contact", "KH", {"national_contact"});
  const Session cambodia = sign_in(*client_, "kh.contact");
  auto bow_tie = as(*client_, cambodia, "POST", "/api/v1/countries/KH/hazardous-areas",
                    R"({"name": "Bow tie", "contamination": "mines", "recorded_on": "2024-01-10",)"
                    R"( "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0],)"
                    R"( [0, 1], [0, 0]]]}})");
  EXPECT_EQ(bow_tie.status, 400) << bow_tie.body;
  EXPECT_EQ(error_field(bow_tie).rfind("geometry", 0), 0u) << bow_tie.body;
  auto out_of_range = as(*client_, cambodia, "POST", "/api/v1/countries/KH/hazardous-areas",
                         R"({"name": "Far", "contamination": "mines", "recorded_on": "2024-01-10",)"
                         R"( "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [200, 0],)"
                         R"( [200, 1], [0, 0]]]}})");
  EXPECT_EQ(out_of_range.status, 400) << out_of_range.body;
  EXPECT_EQ(error_field(out_of_range).rfind("geometry.coordinates[0][1]", 0), 0u)
      << out_of_range.body;
  auto typed_area = as(*client_, cambodia, "POST", "/api/v1/countries/KH/hazardous-areas",
                       with(kArea, "remaining_km2", 1));
  EXPECT_EQ(error_field(typed_area), "remaining_km2") << typed_area.body;
  auto listed = get("/api/v1/countries/KH/hazardous-areas");
  EXPECT_EQ(json_of(listed)["areas"].size(), 0u) << listed.body;

  auto created = as(*client_, cambodia, "POST", "/api/v1/countries/KH/hazardous-areas", kArea);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string releases =
      "/api/v1/hazardous-areas/" + std::string(json_of(created)["id"]) + "/releases";
  auto surveyed_with_depth = as(*client_, cambodia, "POST", releases,
                                with(kWestHalfCleared, "method", "reduced_by_technical_survey"));
  EXPECT_EQ(error_field(surveyed_with_depth), "depth_cm") << surveyed_with_depth.body;
  auto elsewhere = json::parse(kWestHalfCleared);
  elsewhere["geometry"]["coordinates"] =
      json::parse("[[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10.1], [10, 10]]]");
  auto outside = as(*client_, cambodia, "POST", releases, elsewhere.dump());
  EXPECT_EQ(error_field(outside), "geometry") << outside.body;
  EXPECT_EQ(json_of(get(releases))["releases"].size(), 0u);
}

TEST_P(HazardApi, OperatorsSetTheSeverityBands) {
  add_user(db_url_, "kh.contact", "KH", {"national_contact"});
  const Session cambodia = sign_in(*client_, "kh.contact");
  auto defaults = get("/api/v1/operations/severity-bands");
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(json_of(defaults)["bands"][0]["name"], "light");
  const std::string bands = R"({"bands": [{"name": "low", "min": 0}, {"name": "high", "min": 2}]})";
  EXPECT_EQ(as(*client_, cambodia, "PUT", "/api/v1/operations/severity-bands", bands).status, 403);
  auto set = as(*client_, operator_session(), "PUT", "/api/v1/operations/severity-bands", bands);
  ASSERT_EQ(set.status, 200) << set.body;
  auto read = get("/api/v1/operations/severity-bands");
  EXPECT_EQ(json_of(read)["bands"][1]["name"], "high");
  auto bad = as(*client_, operator_session(), "PUT", "/api/v1/operations/severity-bands",
                R"({"bands": [{"name": "low", "min": 0, "colour": "red"}]})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(error_field(bad), "bands[0].colour") << bad.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, HazardApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
