#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "operations/hazard_polygon.h"

namespace concord::operations {
namespace {

using nlohmann::json;

json polygon(json rings) {
  return {{"type", "Polygon"}, {"coordinates", std::move(rings)}};
}

const json kSquare = json::array({json::array({{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}})});

void expect_refused(const json& geometry, const std::string& field, const std::string& message) {
  auto parsed = parse_area_geometry(geometry);
  ASSERT_FALSE(parsed.ok()) << geometry.dump();
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(parsed.error().field, field);
  EXPECT_EQ(parsed.error().message, message);
}

TEST(OperationsHazardPolygon, ReadsAValidPolygon) {
  auto parsed = parse_area_geometry(polygon(kSquare));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->polygons.size(), 1u);
  ASSERT_EQ(parsed->polygons[0].rings.size(), 1u);
  EXPECT_EQ(parsed->polygons[0].rings[0].size(), 5u);
  EXPECT_EQ(parsed->polygons[0].rings[0][1], (Position{1, 0}));
}

TEST(OperationsHazardPolygon, ReadsAPolygonWithAHoleAndAMultiPolygon) {
  json with_hole = json::array({json::array({{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}),
                                json::array({{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}})});
  ASSERT_TRUE(parse_area_geometry(polygon(with_hole)).ok());
  json multi = {
      {"type", "MultiPolygon"},
      {"coordinates",
       json::array({kSquare, json::array({json::array({{5, 5}, {6, 5}, {6, 6}, {5, 5}})})})}};
  auto parsed = parse_area_geometry(multi);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->polygons.size(), 2u);
}

TEST(OperationsHazardPolygon, ReadsText) {
  auto parsed = parse_area_geometry_text(
      R"({"type":"Polygon","coordinates":[[[30.1,-1.9],[30.2,-1.9],[30.2,-1.8],[30.1,-1.9]]]})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_FALSE(parse_area_geometry_text("{\"type\":").ok());
  EXPECT_FALSE(parse_area_geometry_text("[1]").ok());
  EXPECT_FALSE(parse_area_geometry_text(std::string(50, '[')).ok());
}

TEST(OperationsHazardPolygon, RefusesASelfIntersectingBowTie) {
  expect_refused(polygon(json::array({json::array({{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}})})),
                 "geometry", "the polygon intersects itself at (0.5, 0.5)");
}

TEST(OperationsHazardPolygon, RefusesARingTouchingItself) {
  expect_refused(polygon(json::array(
                     {json::array({{0, 0}, {10, 0}, {5, 5}, {10, 10}, {0, 10}, {5, 5}, {0, 0}})})),
                 "geometry", "a ring touches itself at (5, 5)");
}

TEST(OperationsHazardPolygon, RefusesAnUnclosedRing) {
  expect_refused(polygon(json::array({json::array({{0, 0}, {1, 0}, {1, 1}, {0, 1}})})),
                 "geometry.coordinates[0]",
                 "the ring is not closed: its last position must repeat its first");
}

TEST(OperationsHazardPolygon, RefusesTooFewPositions) {
  expect_refused(polygon(json::array({json::array({{0, 0}, {1, 0}, {0, 0}})})),
                 "geometry.coordinates[0]",
                 "a ring needs at least 4 positions (the last repeating the first); it has 3");
  expect_refused(polygon(json::array({json::array({{0, 0}, {1, 0}, {0, 0}, {0, 0}})})),
                 "geometry.coordinates[0]", "a ring needs at least 3 distinct positions; it has 2");
}

TEST(OperationsHazardPolygon, RefusesOutOfRangeLongitudeAndLatitude) {
  expect_refused(polygon(json::array({json::array({{0, 0}, {1, 0}, {1, 1}, {200, 1}, {0, 0}})})),
                 "geometry.coordinates[0][3]", "longitude 200 is outside [-180, 180]");
  expect_refused(polygon(json::array({json::array({{0, 0}, {1, -91}, {1, 1}, {0, 0}})})),
                 "geometry.coordinates[0][1]", "latitude -91 is outside [-90, 90]");
}

TEST(OperationsHazardPolygon, RefusesNonNumbersAndNonFiniteNumbers) {
  expect_refused(polygon(json::array({json::array({{0, 0}, {"1", 0}, {1, 1}, {0, 0}})})),
                 "geometry.coordinates[0][1]", "longitude must be a number, not a string");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  expect_refused(polygon(json::array({json::array({{0, 0}, {1, nan}, {1, 1}, {0, 0}})})),
                 "geometry.coordinates[0][1]", "latitude is not finite");
  auto overflow = parse_area_geometry_text(
      R"({"type":"Polygon","coordinates":[[[0,0],[1e999,0],[1,1],[0,0]]]})");
  // The JSON reader refuses the number before the geometry is looked at.
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.error().code, ErrorCode::invalid_argument);
}

TEST(OperationsHazardPolygon, RefusesMalformedPositionsAndTypes) {
  expect_refused(polygon(json::array({json::array({{0, 0, 5}, {1, 0}, {1, 1}, {0, 0}})})),
                 "geometry.coordinates[0][0]",
                 "a position must be [longitude, latitude]; it has 3 elements (altitude is not "
                 "kept: remove it)");
  expect_refused(json{{"type", "Point"}, {"coordinates", {0, 0}}}, "geometry.type",
                 "a hazardous area is a Polygon or a MultiPolygon");
  expect_refused(json{{"type", "Polygon"}}, "geometry.coordinates",
                 "the geometry needs coordinates");
  expect_refused(polygon(json::array()), "geometry.coordinates",
                 "a polygon needs an exterior ring");
  expect_refused(json::array(), "geometry", "a geometry must be a GeoJSON object, not an array");
}

TEST(OperationsHazardPolygon, RefusesAHoleOutsideItsShell) {
  json rings = json::array({json::array({{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}),
                            json::array({{2, 2}, {3, 2}, {3, 3}, {2, 3}, {2, 2}})});
  expect_refused(polygon(rings), "geometry", "a hole lies outside its exterior ring at (2, 2)");
}

TEST(OperationsHazardPolygon, RefusesOverlappingPolygonsOfAMultiPolygonAndNamesTheBadOne) {
  json overlapping = {
      {"type", "MultiPolygon"},
      {"coordinates",
       json::array({kSquare, json::array({json::array(
                                 {{0.5, 0.5}, {2, 0.5}, {2, 2}, {0.5, 2}, {0.5, 0.5}})})})}};
  auto parsed = parse_area_geometry(overlapping);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().field, "geometry");
  EXPECT_EQ(parsed.error().message.rfind("the polygons overlap or cross at (", 0), 0u)
      << parsed.error().message;

  json second_bad = {
      {"type", "MultiPolygon"},
      {"coordinates",
       json::array(
           {kSquare, json::array({json::array({{5, 5}, {6, 6}, {6, 5}, {5, 6}, {5, 5}})})})}};
  expect_refused(second_bad, "geometry.coordinates[1]",
                 "the polygon intersects itself at (5.5, 5.5)");

  json second_unclosed = {
      {"type", "MultiPolygon"},
      {"coordinates",
       json::array({kSquare, json::array({json::array({{5, 5}, {6, 5}, {6, 6}, {5, 6}}),
                                          json::array({{1, 1}, {1, 2}, {2, 2}, {1, 1}})})})}};
  expect_refused(second_unclosed, "geometry.coordinates[1][0]",
                 "the ring is not closed: its last position must repeat its first");
}

TEST(OperationsHazardPolygon, RefusesTooManyPositions) {
  json ring = json::array();
  for (std::size_t i = 0; i <= kMaxAreaPositions; ++i)
    ring.push_back({0, 0});
  auto parsed = parse_area_geometry(polygon(json::array({ring})));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().field, "geometry.coordinates[0]");
}

TEST(OperationsHazardPolygon, ChecksValuesBuiltInCode) {
  MultiPolygon built{{Polygon{{Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}}};
  EXPECT_TRUE(check_area_geometry(built).ok());
  built.polygons[0].rings[0][1].longitude = std::numeric_limits<double>::infinity();
  auto checked = check_area_geometry(built);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().field, "geometry.coordinates[0][1]");
  EXPECT_FALSE(check_area_geometry(MultiPolygon{}).ok());
}

TEST(OperationsHazardPolygon, WritesWkt) {
  MultiPolygon square{{Polygon{{Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}}};
  EXPECT_EQ(to_wkt(square), "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))");
  EXPECT_EQ(to_wkt(MultiPolygon{}), "MULTIPOLYGON EMPTY");
}

}  // namespace
}  // namespace concord::operations
