// Fuzzes the hazardous-area geometry reader (GeoJSON text, validated with GEOS): whatever the
// bytes, it ends without crashing or leaking; a refusal names a field and says why; an accepted
// geometry passes its own checks again, has a finite non-negative geodesic area, and the GeoJSON
// writer gives back as many polygons and rings as were read.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "operations/geodesic_area.h"
#include "operations/geojson_writer.h"
#include "operations/hazard_polygon.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace concord::operations;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_area_geometry_text(text);
  if (!parsed.ok()) {
    if (parsed.error().message.empty() || parsed.error().field.empty()) __builtin_trap();
    if (parsed.error().code != concord::ErrorCode::invalid_argument) __builtin_trap();
    return 0;
  }
  if (parsed->empty() || !check_area_geometry(*parsed).ok()) __builtin_trap();
  const double area = geodesic_area_km2(*parsed);
  if (!std::isfinite(area) || area < 0) __builtin_trap();
  const nlohmann::json written = geometry_json(*parsed);
  if (parsed->polygons.size() == 1) {
    if (written["coordinates"].size() != parsed->polygons[0].rings.size()) __builtin_trap();
  } else if (written["coordinates"].size() != parsed->polygons.size()) {
    __builtin_trap();
  }
  if (to_wkt(*parsed).rfind("MULTIPOLYGON (", 0) != 0) __builtin_trap();
  return 0;
}
