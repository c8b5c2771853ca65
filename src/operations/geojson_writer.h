// RFC 7946 GeoJSON output for area geometry: geometry objects, Features and FeatureCollections.
// Exterior rings are written counter-clockwise and holes clockwise (RFC 7946 §3.1.6), coordinates
// rounded to 7 decimals (about 1 cm), which RFC 7946 §11.2 recommends over spurious precision.
// Pure functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "operations/hazard_polygon.h"

namespace concord::operations {

// A Polygon for one polygon, else a MultiPolygon (with empty coordinates when `geometry` is empty,
// which RFC 7946 §3.1 lets readers take as a null geometry).
nlohmann::json geometry_json(const MultiPolygon& geometry);

// {"type": "Feature", "geometry": ..., "properties": properties}; `properties` must be an object
// or null.
nlohmann::json feature_json(const MultiPolygon& geometry, nlohmann::json properties);

// {"type": "FeatureCollection", "features": features}.
nlohmann::json feature_collection_json(std::vector<nlohmann::json> features);

}  // namespace concord::operations
