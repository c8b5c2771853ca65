#include "operations/geojson_writer.h"

#include <algorithm>
#include <cmath>

namespace concord::operations {
namespace {

double rounded(double degrees) {
  const double value = std::round(degrees * 1e7) / 1e7;
  return value == 0 ? 0.0 : value;  // never "-0.0"
}

// Twice the signed planar area in degrees², positive for a counter-clockwise ring. Planar is
// enough for orientation, which is what RFC 7946 asks of rings in longitude/latitude.
double signed_area(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    sum += ring[i].longitude * ring[i + 1].latitude - ring[i + 1].longitude * ring[i].latitude;
  }
  return sum;
}

nlohmann::json ring_json(const Ring& ring, bool counter_clockwise) {
  Ring oriented = ring;
  if ((signed_area(ring) > 0) != counter_clockwise) std::reverse(oriented.begin(), oriented.end());
  nlohmann::json out = nlohmann::json::array();
  for (const Position& p : oriented)
    out.push_back({rounded(p.longitude), rounded(p.latitude)});
  return out;
}

nlohmann::json polygon_coordinates(const Polygon& polygon) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < polygon.rings.size(); ++i)
    out.push_back(ring_json(polygon.rings[i], i == 0));
  return out;
}

}  // namespace

nlohmann::json geometry_json(const MultiPolygon& geometry) {
  if (geometry.polygons.size() == 1) {
    return {{"type", "Polygon"}, {"coordinates", polygon_coordinates(geometry.polygons.front())}};
  }
  nlohmann::json coordinates = nlohmann::json::array();
  for (const Polygon& polygon : geometry.polygons)
    coordinates.push_back(polygon_coordinates(polygon));
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(coordinates)}};
}

nlohmann::json feature_json(const MultiPolygon& geometry, nlohmann::json properties) {
  return {{"type", "Feature"},
          {"geometry", geometry_json(geometry)},
          {"properties", std::move(properties)}};
}

nlohmann::json feature_collection_json(std::vector<nlohmann::json> features) {
  nlohmann::json list = nlohmann::json::array();
  for (auto& feature : features)
    list.push_back(std::move(feature));
  return {{"type", "FeatureCollection"}, {"features", std::move(list)}};
}

}  // namespace concord::operations
