// `concord hazard ...` and `concord export geojson|gpkg` on both backends: an area and a release
// recorded from JSON files, the figures listed, bad geometry named with exit code 1, and the map
// exports opened by GDAL's ogrinfo (skipped with a message when ogrinfo is not installed, and the
// GeoPackage only when this build has GDAL).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::filesystem::path scratch(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("concord-hazard-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The exit status and output of a shell command.
std::pair<int, std::string> shell(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr)
    output += buffer.data();
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

bool have_ogrinfo() {
  return shell("command -v ogrinfo").first == 0;
}

const std::string kArea =
    R"({"name": "Village north field", "region": "Battambang", "contamination": "mines",)"
    R"( "recorded_on": "2024-01-10", "geometry": {"type": "Polygon", "coordinates": [[[103.0,)"
    R"( 13.0], [103.01, 13.0], [103.01, 13.01], [103.0, 13.01], [103.0, 13.0]]]}})";
const std::string kRelease =
    R"({"method": "cleared", "date": "2025-05-01", "depth_cm": 30, "items": [{"device_type":)"
    R"( "anti_personnel_mine", "found": 4, "destroyed": 4}], "geometry": {"type": "Polygon",)"
    R"( "coordinates": [[[103.0, 13.0], [103.005, 13.0], [103.005, 13.01], [103.0, 13.01],)"
    R"( [103.0, 13.0]]]}})";

TEST(HazardCli, RecordsAnAreaAndAReleaseAndExportsMapsThatGdalOpens) {
  write(scratch("area.json"), kArea);
  write(scratch("release.json"), kRelease);
  write(scratch("bad.json"),
        R"({"name": "Bow tie", "contamination": "mines", "recorded_on": "2024-01-10",)"
        R"( "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1],)"
        R"( [0, 0]]]}})");
  for (auto backend : all_backends()) {
    const std::string url = fresh_database_url(backend);
    auto bad = run_concord({"hazard", "add", "--state", "KH", scratch("bad.json"), "--db", url});
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_TRUE(contains(bad.output, "geometry")) << bad.output;

    auto added = run_concord({"hazard", "add", "--state", "KH", scratch("area.json"), "--db", url});
    ASSERT_EQ(added.exit_code, 0) << added.output;
    const auto id_at = added.output.find("01");
    ASSERT_NE(id_at, std::string::npos) << added.output;
    const std::string id = added.output.substr(id_at, 26);
    EXPECT_TRUE(contains(added.output, "1.2001 km2")) << added.output;

    auto classified = run_concord({"hazard", "classify", id, "--classification", "confirmed",
                                   "--as-of", "2025-02-01", "--db", url});
    ASSERT_EQ(classified.exit_code, 0) << classified.output;
    auto released = run_concord({"hazard", "release", id, scratch("release.json"), "--db", url});
    ASSERT_EQ(released.exit_code, 0) << released.output;
    EXPECT_TRUE(contains(released.output, "depth 30 cm")) << released.output;

    auto listed =
        run_concord({"hazard", "list", "--state", "KH", "--on", "2025-06-01", "--db", url});
    ASSERT_EQ(listed.exit_code, 0) << listed.output;
    EXPECT_TRUE(contains(listed.output, "confirmed")) << listed.output;
    EXPECT_TRUE(contains(listed.output, "remaining 0.6001")) << listed.output;
    auto shown = run_concord({"hazard", "show", id, "--on", "2025-01-01", "--json", "--db", url});
    ASSERT_EQ(shown.exit_code, 0) << shown.output;
    EXPECT_TRUE(contains(shown.output, R"("classification": "suspected")")) << shown.output;

    auto bands = run_concord({"hazard", "bands", "show", "--db", url});
    ASSERT_EQ(bands.exit_code, 0) << bands.output;
    EXPECT_TRUE(contains(bands.output, "massive")) << bands.output;

    const auto geojson = scratch("areas.geojson");
    auto exported = run_concord({"export", "geojson", "--state", "KH", "--releases", "--out",
                                 geojson.string(), "--db", url});
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    EXPECT_TRUE(contains(exported.output, "wrote 2 features")) << exported.output;
    if (have_ogrinfo()) {
      auto [status, info] = shell("ogrinfo -ro -al -so " + geojson.string());
      EXPECT_EQ(status, 0) << info;
      EXPECT_TRUE(contains(info, "Feature Count: 2")) << info;
      EXPECT_TRUE(contains(info, "remaining_km2: Real")) << info;
    } else {
      std::cout << "ogrinfo is not installed (Debian: gdal-bin): the GeoJSON was not opened\n";
    }

    const auto gpkg = scratch("areas.gpkg");
    auto packaged =
        run_concord({"export", "gpkg", "--out", gpkg.string(), "--state", "KH", "--db", url});
    if (contains(packaged.output, "no GeoPackage support")) {
      EXPECT_EQ(packaged.exit_code, 1) << packaged.output;
      EXPECT_TRUE(contains(packaged.output, "libgdal-dev")) << packaged.output;
      std::cout << "this build has no GDAL: the GeoPackage export was not tested\n";
      continue;
    }
    ASSERT_EQ(packaged.exit_code, 0) << packaged.output;
    EXPECT_TRUE(contains(packaged.output, "1 hazardous areas and 1 land releases"))
        << packaged.output;
    if (have_ogrinfo()) {
      auto [status, info] = shell("ogrinfo -ro -al -so " + gpkg.string());
      EXPECT_EQ(status, 0) << info;
      EXPECT_TRUE(contains(info, "Layer name: hazardous_areas")) << info;
      EXPECT_TRUE(contains(info, "Layer name: land_releases")) << info;
      EXPECT_TRUE(contains(info, "EPSG")) << info;
    }
  }
}

}  // namespace
}  // namespace concord::testing
