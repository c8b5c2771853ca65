#include <gtest/gtest.h>

#include "operations/area_arithmetic.h"
#include "operations/geojson_writer.h"

namespace concord::operations {
namespace {

using nlohmann::json;

// Clockwise exterior, counter-clockwise hole: both the wrong way round for RFC 7946.
const MultiPolygon kSquareWithHole{{Polygon{{
    Ring{{0, 0}, {0, 4}, {4, 4}, {4, 0}, {0, 0}},
    Ring{{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}},
}}}};

TEST(OperationsGeojsonWriter, OrientsExteriorsCounterClockwiseAndHolesClockwise) {
  const json expected = {
      {"type", "Polygon"},
      {"coordinates", json::array({json::array({{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}),
                                   json::array({{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}})})}};
  EXPECT_EQ(geometry_json(kSquareWithHole), expected);
}

TEST(OperationsGeojsonWriter, RoundsToSevenDecimalsWithoutNegativeZero) {
  const MultiPolygon tiny{{Polygon{{Ring{{30.123456789, -1.0000000449},
                                         {30.2, -1.0000000449},
                                         {30.2, -0.00000000001},
                                         {30.123456789, -1.0000000449}}}}}};
  const std::string text = geometry_json(tiny).dump();
  EXPECT_EQ(text,
            R"({"coordinates":[[[30.1234568,-1.0],[30.2,-1.0],[30.2,0.0],[30.1234568,-1.0]]],)"
            R"("type":"Polygon"})");
}

TEST(OperationsGeojsonWriter, WritesMultiPolygonsFeaturesAndCollections) {
  MultiPolygon two = kSquareWithHole;
  two.polygons.push_back(Polygon{{Ring{{10, 10}, {11, 10}, {11, 11}, {10, 10}}}});
  EXPECT_EQ(geometry_json(two)["type"], "MultiPolygon");
  EXPECT_EQ(geometry_json(two)["coordinates"].size(), 2u);
  EXPECT_EQ(geometry_json(MultiPolygon{}),
            (json{{"type", "MultiPolygon"}, {"coordinates", json::array()}}));

  const json feature = feature_json(kSquareWithHole, {{"name", "Area 7"}, {"status", "confirmed"}});
  EXPECT_EQ(feature["type"], "Feature");
  EXPECT_EQ(feature["properties"]["name"], "Area 7");
  EXPECT_EQ(feature["geometry"], geometry_json(kSquareWithHole));
  const json collection = feature_collection_json({feature, feature_json(two, nullptr)});
  EXPECT_EQ(collection["type"], "FeatureCollection");
  ASSERT_EQ(collection["features"].size(), 2u);
  EXPECT_TRUE(collection["features"][1]["properties"].is_null());
}

TEST(OperationsGeojsonWriter, RemainingAreaReadsBackAsValidGeometry) {
  const MultiPolygon hazard{{Polygon{{Ring{{0, 0}, {0.1, 0}, {0.1, 0.1}, {0, 0.1}, {0, 0}}}}}};
  auto figures = compute_land_release(
      hazard, {{ReleaseMethod::cleared,
                MultiPolygon{{Polygon{{Ring{
                    {0.02, 0.02}, {0.04, 0.02}, {0.04, 0.04}, {0.02, 0.04}, {0.02, 0.02}}}}}}}});
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  auto again = parse_area_geometry(geometry_json(figures->remaining));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->polygons[0].rings.size(), 2u);
}

}  // namespace
}  // namespace concord::operations
