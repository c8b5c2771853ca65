// GeoPackage output of the hazardous-area map layers, for QGIS users, through GDAL's OGR C API
// (driver "GPKG"). GDAL is an optional build dependency: without it (CONCORD_HAVE_GDAL unset),
// geopackage_available() is false and write_geopackage answers unavailable, naming the Debian
// packages to install.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"

namespace concord::operations {

// What write_geopackage wrote.
struct GeoPackageCounts {
  std::size_t areas = 0;
  std::size_t releases = 0;
};

// Whether this build can write GeoPackage.
bool geopackage_available();

// The message a build without GDAL gives.
std::string geopackage_unavailable_message();

// Writes `collection`, a FeatureCollection from HazardService::feature_collection with releases,
// to a new GeoPackage at `path` (replacing any file there) in WGS84 (EPSG:4326): layer
// "hazardous_areas" (the remaining geometry of each area, with its properties) and layer
// "land_releases" (the features with an area_id property). invalid_argument on "out" when the
// file cannot be created; unavailable without GDAL.
Result<GeoPackageCounts> write_geopackage(const std::string& path,
                                          const nlohmann::json& collection);

}  // namespace concord::operations
