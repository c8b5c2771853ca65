#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "operations/geodesic_area.h"

namespace concord::operations {
namespace {

// The exact area of the WGS84 quadrangle between two parallels and two meridians, in km²:
// A = b²/2 · Δλ · [q(φ₂) − q(φ₁)], q(φ) = sin φ / (1 − e² sin² φ) + 1/(2e) · ln((1 + e sin φ) /
// (1 − e sin φ)) (the authalic-latitude formula; Snyder, Map Projections, eq. 3-12).
double quadrangle_km2(double south, double north, double west, double east) {
  const double a = 6378137.0;
  const double f = 1 / 298.257223563;
  const double b = a * (1 - f);
  const double e2 = f * (2 - f);
  const double e = std::sqrt(e2);
  auto q = [&](double latitude) {
    const double s = std::sin(latitude * std::numbers::pi / 180);
    return s / (1 - e2 * s * s) + 1 / (2 * e) * std::log((1 + e * s) / (1 - e * s));
  };
  return b * b / 2 * ((east - west) * std::numbers::pi / 180) * (q(north) - q(south)) / 1e6;
}

// A quadrangle whose edges along parallels are split into `steps` short geodesics, so that the
// polygon follows the parallels (a single geodesic between two corners bows towards the pole).
Ring densified_cell(double south, double north, double west, double east, int steps) {
  Ring ring;
  for (int i = 0; i <= steps; ++i)
    ring.push_back({west + (east - west) * i / steps, south});
  for (int i = 0; i <= steps; ++i)
    ring.push_back({east - (east - west) * i / steps, north});
  ring.push_back(ring.front());
  return ring;
}

TEST(OperationsGeodesicArea, OneDegreeCellAtTheEquatorWithGeodesicEdges) {
  // The northern edge is a geodesic, which bows about 4 m north of the parallel and adds about
  // 0.314 km² to the quadrangle's 12,308.464 km².
  const Ring cell{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
  EXPECT_NEAR(ring_area_km2(cell), 12308.778, 0.001);
  EXPECT_NEAR(quadrangle_km2(0, 1, 0, 1), 12308.464, 0.001);
}

TEST(OperationsGeodesicArea, DensifiedCellsMatchTheEllipsoidalQuadrangle) {
  EXPECT_NEAR(ring_area_km2(densified_cell(0, 1, 0, 1, 1000)), quadrangle_km2(0, 1, 0, 1), 1e-3);
  EXPECT_NEAR(ring_area_km2(densified_cell(60, 61, 10, 11, 1000)), quadrangle_km2(60, 61, 10, 11),
              1e-3);
  EXPECT_NEAR(quadrangle_km2(60, 61, 10, 11), 6123.141, 0.001);
}

TEST(OperationsGeodesicArea, OrientationDoesNotMatter) {
  Ring cell = densified_cell(60, 61, 10, 11, 10);
  const double forward = ring_area_km2(cell);
  std::reverse(cell.begin(), cell.end());
  EXPECT_DOUBLE_EQ(ring_area_km2(cell), forward);
  EXPECT_GT(forward, 6000);
}

TEST(OperationsGeodesicArea, HolesAreSubtracted) {
  Polygon polygon{{densified_cell(0, 1, 0, 1, 1000), densified_cell(0.25, 0.75, 0.25, 0.75, 500)}};
  EXPECT_NEAR(polygon_area_km2(polygon),
              quadrangle_km2(0, 1, 0, 1) - quadrangle_km2(0.25, 0.75, 0.25, 0.75), 1e-3);
}

TEST(OperationsGeodesicArea, MultiPolygonsAreSummedAndEmptyIsZero) {
  MultiPolygon two{
      {Polygon{{densified_cell(0, 1, 0, 1, 100)}}, Polygon{{densified_cell(60, 61, 10, 11, 100)}}}};
  EXPECT_NEAR(geodesic_area_km2(two),
              ring_area_km2(two.polygons[0].rings[0]) + ring_area_km2(two.polygons[1].rings[0]),
              1e-9);
  EXPECT_EQ(geodesic_area_km2(MultiPolygon{}), 0);
}

TEST(OperationsGeodesicArea, HundredMetreSquare) {
  // At the equator a degree of latitude is 110,574.3 m and of longitude 111,319.5 m.
  const double dlat = 100 / 110574.2727;
  const double dlon = 100 / 111319.4908;
  const Ring square{{30, 0}, {30 + dlon, 0}, {30 + dlon, dlat}, {30, dlat}, {30, 0}};
  EXPECT_NEAR(ring_area_km2(square), 0.01, 1e-6);
}

}  // namespace
}  // namespace concord::operations
