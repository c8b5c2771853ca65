#include "operations/hazard_polygon.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "core/json_text.h"
#include "operations/geos_bridge.h"

namespace concord::operations {
namespace {

// A GeoJSON Polygon nests four levels (object, coordinates, ring, position); MultiPolygon five.
constexpr int kMaxNesting = 6;

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string indexed(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

Result<double> read_coordinate(const nlohmann::json& value, const std::string& field,
                               std::string_view name, double limit) {
  if (!value.is_number()) {
    return Error::invalid(field,
                          std::string(name) + " must be a number, not " + json_type_name(value));
  }
  const double number = value.get<double>();
  if (!std::isfinite(number)) return Error::invalid(field, std::string(name) + " is not finite");
  if (number < -limit || number > limit) {
    return Error::invalid(field, std::string(name) + " " + number_text(number) + " is outside [-" +
                                     number_text(limit) + ", " + number_text(limit) + "]");
  }
  return number;
}

Result<Position> read_position(const nlohmann::json& value, const std::string& field) {
  if (!value.is_array()) {
    return Error::invalid(
        field, "a position must be an array [longitude, latitude], not " + json_type_name(value));
  }
  if (value.size() != 2) {
    return Error::invalid(field, "a position must be [longitude, latitude]; it has " +
                                     std::to_string(value.size()) +
                                     " elements (altitude is not kept: remove it)");
  }
  Position position;
  CONCORD_ASSIGN_OR_RETURN(position.longitude, read_coordinate(value[0], field, "longitude", 180));
  CONCORD_ASSIGN_OR_RETURN(position.latitude, read_coordinate(value[1], field, "latitude", 90));
  return position;
}

Result<Ring> read_ring(const nlohmann::json& value, const std::string& field,
                       std::size_t& positions) {
  if (!value.is_array()) {
    return Error::invalid(field,
                          "a ring must be an array of positions, not " + json_type_name(value));
  }
  positions += value.size();
  if (positions > kMaxAreaPositions) {
    return Error::invalid(
        field, "the geometry has more than " + std::to_string(kMaxAreaPositions) + " positions");
  }
  Ring ring;
  ring.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    CONCORD_ASSIGN_OR_RETURN(Position position, read_position(value[i], indexed(field, i)));
    ring.push_back(position);
  }
  return ring;
}

Result<Polygon> read_polygon(const nlohmann::json& value, const std::string& field,
                             std::size_t& positions) {
  if (!value.is_array()) {
    return Error::invalid(field,
                          "a polygon must be an array of rings, not " + json_type_name(value));
  }
  if (value.empty()) return Error::invalid(field, "a polygon needs an exterior ring");
  Polygon polygon;
  for (std::size_t i = 0; i < value.size(); ++i) {
    CONCORD_ASSIGN_OR_RETURN(Ring ring, read_ring(value[i], indexed(field, i), positions));
    polygon.rings.push_back(std::move(ring));
  }
  return polygon;
}

Result<void> check_ring(const Ring& ring, const std::string& field) {
  if (ring.size() < 4) {
    return Error::invalid(field,
                          "a ring needs at least 4 positions (the last repeating the "
                          "first); it has " +
                              std::to_string(ring.size()));
  }
  if (ring.front() != ring.back()) {
    return Error::invalid(field, "the ring is not closed: its last position must repeat its first");
  }
  std::set<std::pair<double, double>> distinct;
  for (const Position& p : ring)
    distinct.emplace(p.longitude, p.latitude);
  if (distinct.size() < 3) {
    return Error::invalid(field, "a ring needs at least 3 distinct positions; it has " +
                                     std::to_string(distinct.size()));
  }
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const Position& p = ring[i];
    const std::string at = indexed(field, i);
    if (!std::isfinite(p.longitude)) return Error::invalid(at, "longitude is not finite");
    if (!std::isfinite(p.latitude)) return Error::invalid(at, "latitude is not finite");
    if (p.longitude < -180 || p.longitude > 180) {
      return Error::invalid(at,
                            "longitude " + number_text(p.longitude) + " is outside [-180, 180]");
    }
    if (p.latitude < -90 || p.latitude > 90) {
      return Error::invalid(at, "latitude " + number_text(p.latitude) + " is outside [-90, 90]");
    }
  }
  return ok();
}

// What GEOS's validity reason means for a person drawing the area, or empty for a reason this
// file does not know (the GEOS text is then passed on).
std::string explain(std::string_view reason, bool multipolygon) {
  if (reason == "Self-intersection") {
    return multipolygon ? "the polygons overlap or cross" : "the polygon intersects itself";
  }
  if (reason == "Ring Self-intersection") return "a ring touches itself";
  if (reason == "Hole lies outside shell") return "a hole lies outside its exterior ring";
  if (reason == "Holes are nested") return "a hole lies inside another hole";
  if (reason == "Interior is disconnected") return "the holes cut the polygon's interior apart";
  if (reason == "Nested shells") return "one polygon lies inside another";
  if (reason == "Duplicate Rings") return "a ring is repeated";
  return {};
}

// GEOS validity of `geometry` (strict: a ring may not touch itself even to form a hole).
Result<void> check_with_geos(GeosContext& context, const GEOSGeometry* geometry,
                             const std::string& field, bool multipolygon) {
  char* reason = nullptr;
  GEOSGeometry* location = nullptr;
  const char valid = GEOSisValidDetail_r(context.handle(), geometry, 0, &reason, &location);
  if (valid == 1) return ok();
  if (valid != 0) return context.failure("check validity");
  const std::string reason_text = reason != nullptr ? reason : "invalid geometry";
  GEOSFree_r(context.handle(), reason);
  std::string where;
  if (location != nullptr) {
    double x = 0;
    double y = 0;
    if (GEOSGeomGetX_r(context.handle(), location, &x) == 1 &&
        GEOSGeomGetY_r(context.handle(), location, &y) == 1) {
      where = " at (" + number_text(x) + ", " + number_text(y) + ")";
    }
    GEOSGeom_destroy_r(context.handle(), location);
  }
  std::string message = explain(reason_text, multipolygon);
  if (message.empty()) message = "the geometry is not valid: " + reason_text;
  return Error::invalid(field, message + where);
}

// The checks of check_area_geometry, naming fields as in a GeoJSON MultiPolygon (`multipolygon`)
// or Polygon.
Result<void> check_area(const MultiPolygon& geometry, const std::string& base, bool multipolygon) {
  if (geometry.empty()) return Error::invalid(base, "the geometry has no polygon");
  auto polygon_field = [&](std::size_t i) {
    return multipolygon ? indexed(base + ".coordinates", i) : base + ".coordinates";
  };
  std::size_t positions = 0;
  for (std::size_t i = 0; i < geometry.polygons.size(); ++i) {
    const Polygon& polygon = geometry.polygons[i];
    if (polygon.rings.empty()) {
      return Error::invalid(polygon_field(i), "a polygon needs an exterior ring");
    }
    for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
      positions += polygon.rings[r].size();
      if (positions > kMaxAreaPositions) {
        return Error::invalid(
            base, "the geometry has more than " + std::to_string(kMaxAreaPositions) + " positions");
      }
      CONCORD_TRY(check_ring(polygon.rings[r], indexed(polygon_field(i), r)));
    }
  }
  GeosContext context;
  // Each polygon alone first, so that an error names the polygon at fault.
  for (std::size_t i = 0; i < geometry.polygons.size(); ++i) {
    CONCORD_ASSIGN_OR_RETURN(GeosGeometry polygon, to_geos(context, geometry.polygons[i]));
    CONCORD_TRY(
        check_with_geos(context, polygon.get(), multipolygon ? polygon_field(i) : base, false));
  }
  if (geometry.polygons.size() > 1) {
    CONCORD_ASSIGN_OR_RETURN(GeosGeometry whole, to_geos(context, geometry));
    CONCORD_TRY(check_with_geos(context, whole.get(), base, true));
  }
  return ok();
}

}  // namespace

Result<void> check_area_geometry(const MultiPolygon& geometry, std::string_view field) {
  // A single polygon is addressed as a GeoJSON Polygon, several as a MultiPolygon.
  return check_area(geometry, std::string(field), geometry.polygons.size() > 1);
}

Result<MultiPolygon> parse_area_geometry(const nlohmann::json& geometry, std::string_view field) {
  const std::string base(field);
  if (!geometry.is_object()) {
    return Error::invalid(base,
                          "a geometry must be a GeoJSON object, not " + json_type_name(geometry));
  }
  const auto type = geometry.find("type");
  if (type == geometry.end() || !type->is_string()) {
    return Error::invalid(base + ".type", "the geometry needs a type, Polygon or MultiPolygon");
  }
  const std::string type_name = type->get<std::string>();
  if (type_name != "Polygon" && type_name != "MultiPolygon") {
    return Error::invalid(base + ".type", "a hazardous area is a Polygon or a MultiPolygon");
  }
  const auto coordinates = geometry.find("coordinates");
  const std::string coordinates_field = base + ".coordinates";
  if (coordinates == geometry.end()) {
    return Error::invalid(coordinates_field, "the geometry needs coordinates");
  }
  MultiPolygon out;
  std::size_t positions = 0;
  if (type_name == "Polygon") {
    CONCORD_ASSIGN_OR_RETURN(Polygon polygon,
                             read_polygon(*coordinates, coordinates_field, positions));
    out.polygons.push_back(std::move(polygon));
  } else {
    if (!coordinates->is_array()) {
      return Error::invalid(coordinates_field, "a multipolygon must be an array of polygons, not " +
                                                   json_type_name(*coordinates));
    }
    if (coordinates->empty()) {
      return Error::invalid(coordinates_field, "a multipolygon needs at least one polygon");
    }
    for (std::size_t i = 0; i < coordinates->size(); ++i) {
      CONCORD_ASSIGN_OR_RETURN(
          Polygon polygon,
          read_polygon((*coordinates)[i], indexed(coordinates_field, i), positions));
      out.polygons.push_back(std::move(polygon));
    }
  }
  CONCORD_TRY(check_area(out, base, type_name == "MultiPolygon"));
  return out;
}

Result<MultiPolygon> parse_area_geometry_text(std::string_view text) {
  CONCORD_ASSIGN_OR_RETURN(nlohmann::json geometry,
                           parse_json_object(text, "a GeoJSON geometry", kMaxNesting));
  return parse_area_geometry(geometry);
}

std::string to_wkt(const MultiPolygon& geometry) {
  if (geometry.empty()) return "MULTIPOLYGON EMPTY";
  std::string out = "MULTIPOLYGON (";
  for (std::size_t i = 0; i < geometry.polygons.size(); ++i) {
    out += i > 0 ? ", (" : "(";
    const auto& rings = geometry.polygons[i].rings;
    for (std::size_t r = 0; r < rings.size(); ++r) {
      out += r > 0 ? ", (" : "(";
      for (std::size_t p = 0; p < rings[r].size(); ++p) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%s%.17g %.17g", p > 0 ? ", " : "",
                      rings[r][p].longitude, rings[r][p].latitude);
        out += buffer;
      }
      out += ")";
    }
    out += ")";
  }
  return out + ")";
}

}  // namespace concord::operations
