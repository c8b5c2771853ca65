// Geodesic area of hazardous-area geometry on the WGS84 ellipsoid, in km², computed with
// GeographicLib's PolygonArea (edges are geodesics). Holes are subtracted, polygons of a
// multipolygon summed, and ring orientation does not matter. Pure functions, thread-safe.
#pragma once

#include "operations/hazard_polygon.h"

namespace concord::operations {

// The area enclosed by one closed ring, in km², whatever its orientation. Meant for rings smaller
// than a hemisphere, which every hazardous area is.
double ring_area_km2(const Ring& ring);

// Exterior ring minus holes, never negative.
double polygon_area_km2(const Polygon& polygon);

// The sum over the polygons; 0 for an empty geometry.
double geodesic_area_km2(const MultiPolygon& geometry);

}  // namespace concord::operations
