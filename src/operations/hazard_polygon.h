// Hazardous-area geometry: a GeoJSON Polygon or MultiPolygon (RFC 7946) read from untrusted input
// into a validated value. A value returned by parse_area_geometry has closed rings of at least four
// positions, finite [longitude, latitude] pairs within range, and is valid by GEOS (no
// self-intersection, no ring touching itself, holes inside their shell, no overlapping polygons).
// Every refusal is invalid_argument naming the JSON path at fault. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord::operations {

// A point in WGS84 degrees. GeoJSON writes it [longitude, latitude].
struct Position {
  double longitude = 0;
  double latitude = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

// A closed ring: front() == back(), at least four positions.
using Ring = std::vector<Position>;

// rings[0] is the exterior ring, the others are holes. Orientation is not significant here; the
// GeoJSON writer orients rings as RFC 7946 asks.
struct Polygon {
  std::vector<Ring> rings;
};

// Zero or more polygons with disjoint interiors. A GeoJSON Polygon is read as one polygon. Empty
// only as the result of arithmetic (everything released), never from parsing.
struct MultiPolygon {
  std::vector<Polygon> polygons;
  bool empty() const { return polygons.empty(); }
};

// The most positions a geometry may hold, so that one request cannot make validation run for
// minutes.
inline constexpr std::size_t kMaxAreaPositions = 100'000;

// Reads `geometry`, a GeoJSON geometry object of type Polygon or MultiPolygon, and validates it.
// `field` is the JSON path of the object in the caller's document, used as the prefix of every
// error's field ("geometry.coordinates[0][3]").
Result<MultiPolygon> parse_area_geometry(const nlohmann::json& geometry,
                                         std::string_view field = "geometry");

// The same from JSON text (for example a request field or an imported file), refusing malformed or
// deeply nested text first.
Result<MultiPolygon> parse_area_geometry_text(std::string_view text);

// The checks of parse_area_geometry on a value built in code (or read from a store): ring closure,
// size, coordinate ranges and GEOS validity. `field` names the geometry in errors.
Result<void> check_area_geometry(const MultiPolygon& geometry, std::string_view field = "geometry");

// Well-known text of the geometry ("MULTIPOLYGON (((lon lat, ...)))"), for hand-off to GIS tools
// and for messages in tests. Full double precision.
std::string to_wkt(const MultiPolygon& geometry);

}  // namespace concord::operations
