// Severity bands: the default scale's edges, the validation of a configured scale, and the JSON
// configuration per contamination type.
#include <gtest/gtest.h>

#include <cmath>

#include "operations/severity_bands.h"

namespace concord::operations {
namespace {

std::string band(const SeverityBands& bands, double value) {
  auto name = bands.band_for(value);
  return name.ok() ? name.value() : "(error " + name.error().field + ")";
}

TEST(OperationsSeverityBands, DefaultsAreTheMonitorExtentScaleWithInclusiveLowerEdges) {
  const auto bands = SeverityBands::defaults();
  EXPECT_EQ(bands.measure(), "km2");
  EXPECT_EQ(band(bands, 0), "light");
  EXPECT_EQ(band(bands, 4.999), "light");
  EXPECT_EQ(band(bands, 5), "medium");
  EXPECT_EQ(band(bands, 19.999), "medium");
  EXPECT_EQ(band(bands, 20), "heavy");
  EXPECT_EQ(band(bands, 99.999), "heavy");
  EXPECT_EQ(band(bands, 100), "massive");
  EXPECT_EQ(band(bands, 1e9), "massive");
  EXPECT_EQ(band(bands, -0.001), "(error value)");
  EXPECT_EQ(band(bands, std::nan("")), "(error value)");
  EXPECT_EQ(band(bands, INFINITY), "(error value)");
}

TEST(OperationsSeverityBands, ACustomScale) {
  const auto bands =
      SeverityBands::create("items_per_km2", {{"low", 0}, {"medium", 0.5}, {"high", 10}});
  ASSERT_TRUE(bands.ok()) << bands.error().message;
  EXPECT_EQ(band(*bands, 0.49), "low");
  EXPECT_EQ(band(*bands, 0.5), "medium");
  EXPECT_EQ(band(*bands, 10), "high");
  const auto single = SeverityBands::create("km2", {{"any", 0}});
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(band(*single, 12345), "any");
}

TEST(OperationsSeverityBands, BadScalesAreRefusedByField) {
  const auto field = [](std::vector<SeverityBand> bands, std::string measure = "km2") {
    auto created = SeverityBands::create(std::move(measure), std::move(bands));
    return created.ok() ? std::string("(ok)") : created.error().field;
  };
  EXPECT_EQ(field({}), "bands");
  EXPECT_EQ(field({{"low", 0}, {"low", 5}}), "bands[1].name");
  EXPECT_EQ(field({{"low", 1}, {"high", 5}}), "bands[0].min");
  EXPECT_EQ(field({{"low", 0}, {"high", 5}, {"mid", 2}}), "bands[2].min");
  EXPECT_EQ(field({{"low", 0}, {"high", 0}}), "bands[1].min");
  EXPECT_EQ(field({{"Low", 0}}), "bands[0].name");
  EXPECT_EQ(field({{"", 0}}), "bands[0].name");
  EXPECT_EQ(field({{"low", 0}, {"high", INFINITY}}), "bands[1].min");
  EXPECT_EQ(field({{"low", 0}}, "km 2"), "measure");
  std::vector<SeverityBand> many;
  for (int i = 0; i < 21; ++i)
    many.push_back({"b" + std::to_string(i), double(i)});
  EXPECT_EQ(field(many), "bands");
}

TEST(OperationsSeverityBands, ConfigurationFromJsonWithBandsPerType) {
  const auto config = severity_bands_from_json(R"({
    "measure": "km2",
    "bands": [{"name": "small", "min": 0, "max": 1}, {"name": "large", "min": 1}],
    "by_type": {
      "confirmed_hazardous_area_mines": {
        "measure": "items_per_km2",
        "bands": [{"name": "low", "min": 0}, {"name": "high", "min": 50}]
      }
    }
  })");
  ASSERT_TRUE(config.ok()) << config.error().field << ": " << config.error().message;
  EXPECT_EQ(band(config->general, 0.99), "small");
  EXPECT_EQ(band(config->general, 1), "large");
  const auto& mines = config->for_type("confirmed_hazardous_area_mines");
  EXPECT_EQ(mines.measure(), "items_per_km2");
  EXPECT_EQ(band(mines, 49), "low");
  EXPECT_EQ(band(mines, 50), "high");
  EXPECT_EQ(band(config->for_type("suspected_hazardous_area_erw"), 0.5), "small");
}

TEST(OperationsSeverityBands, JsonMeasureDefaultsToKm2) {
  const auto config = severity_bands_from_json(R"({"bands": [{"name": "all", "min": 0}]})");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->general.measure(), "km2");
  EXPECT_TRUE(config->by_type.empty());
}

TEST(OperationsSeverityBands, OverlapsGapsAndOtherMistakesInJsonAreNamed) {
  const auto field = [](const char* text) {
    auto config = severity_bands_from_json(text);
    return config.ok() ? std::string("(ok)") : config.error().field;
  };
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0, "max": 6}, {"name": "b", "min": 5}]})"),
            "bands[0].max");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0, "max": 4}, {"name": "b", "min": 5}]})"),
            "bands[0].max");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0}, {"name": "b", "min": 5, "max": 9}]})"),
            "bands[1].max");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": "0"}]})"), "bands[0].min");
  EXPECT_EQ(field(R"({"bands": [{"name": "a"}]})"), "bands[0].min");
  EXPECT_EQ(field(R"({"bands": [{"min": 0}]})"), "bands[0].name");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0, "colour": "red"}]})"), "bands[0].colour");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0}], "extra": 1})"), "extra");
  EXPECT_EQ(field(R"({"bands": {}})"), "bands");
  EXPECT_EQ(field(R"({})"), "bands");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0}], "by_type": {"x": {"bands": []}}})"),
            "by_type.x.bands");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0}],
                      "by_type": {"x": {"bands": [{"name": "a", "min": 0}, {"name": "a", "min": 1}]}}})"),
            "by_type.x.bands[1].name");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0}], "by_type": {"Bad Type": {}}})"),
            "by_type");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0}], "": 1})"), "body");
  EXPECT_EQ(field(R"({"bands": [{"name": "a", "min": 0, "": 1}]})"), "bands[0]");
  EXPECT_EQ(field("[1, 2]"), "body");
  EXPECT_EQ(field("{"), "body");
}

}  // namespace
}  // namespace concord::operations
