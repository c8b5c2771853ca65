#include "operations/geodesic_area.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <algorithm>
#include <cmath>

namespace concord::operations {

double ring_area_km2(const Ring& ring) {
  GeographicLib::PolygonArea polygon(GeographicLib::Geodesic::WGS84(), false);
  // The closing position repeats the first; PolygonArea closes the ring itself.
  const std::size_t vertices =
      ring.size() >= 2 && ring.front() == ring.back() ? ring.size() - 1 : ring.size();
  for (std::size_t i = 0; i < vertices; ++i)
    polygon.AddPoint(ring[i].latitude, ring[i].longitude);
  double perimeter_m = 0;
  double area_m2 = 0;
  // Signed (counter-clockwise positive), then made absolute: orientation carries no meaning here.
  polygon.Compute(false, true, perimeter_m, area_m2);
  return std::abs(area_m2) / 1e6;
}

double polygon_area_km2(const Polygon& polygon) {
  if (polygon.rings.empty()) return 0;
  double area = ring_area_km2(polygon.rings.front());
  for (std::size_t i = 1; i < polygon.rings.size(); ++i)
    area -= ring_area_km2(polygon.rings[i]);
  return std::max(area, 0.0);
}

double geodesic_area_km2(const MultiPolygon& geometry) {
  double area = 0;
  for (const Polygon& polygon : geometry.polygons)
    area += polygon_area_km2(polygon);
  return area;
}

}  // namespace concord::operations
