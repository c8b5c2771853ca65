#include "operations/area_arithmetic.h"

#include <algorithm>
#include <array>

#include "core/enum_names.h"
#include "operations/geodesic_area.h"
#include "operations/geos_bridge.h"

namespace concord::operations {
namespace {

constexpr EnumNames<ReleaseMethod, 3> kReleaseMethodNames({{
    {ReleaseMethod::cleared, "cleared"},
    {ReleaseMethod::reduced_by_technical_survey, "reduced_by_technical_survey"},
    {ReleaseMethod::cancelled_by_non_technical_survey, "cancelled_by_non_technical_survey"},
}});

// The union of the releases made by `method`, as one GEOS geometry (empty if there are none).
Result<GeosGeometry> union_of(GeosContext& context, const std::vector<Release>& releases,
                              ReleaseMethod method) {
  MultiPolygon all;
  for (const Release& release : releases) {
    if (release.method != method) continue;
    all.polygons.insert(all.polygons.end(), release.geometry.polygons.begin(),
                        release.geometry.polygons.end());
  }
  // The polygons of different releases overlap, so this collection is not a valid multipolygon
  // until the union dissolves it.
  CONCORD_ASSIGN_OR_RETURN(GeosGeometry collection, to_geos(context, all));
  return own(context, GEOSUnaryUnion_r(context.handle(), collection.get()), "unite releases");
}

}  // namespace

std::string_view to_string(ReleaseMethod method) {
  return kReleaseMethodNames.name(method);
}
std::optional<ReleaseMethod> release_method_from_string(std::string_view text) {
  return kReleaseMethodNames.parse(text);
}
std::string release_methods_list() {
  return kReleaseMethodNames.list();
}

Result<LandRelease> compute_land_release(const MultiPolygon& hazard,
                                         const std::vector<Release>& releases) {
  GeosContext context;
  GEOSContextHandle_t h = context.handle();
  CONCORD_ASSIGN_OR_RETURN(GeosGeometry hazard_geos, to_geos(context, hazard));
  CONCORD_ASSIGN_OR_RETURN(GeosGeometry released,
                           own(context, GEOSGeom_createEmptyPolygon_r(h), "make an empty polygon"));
  LandRelease out;
  out.hazard_km2 = geodesic_area_km2(hazard);
  constexpr std::array kPrecedence = {ReleaseMethod::cleared,
                                      ReleaseMethod::reduced_by_technical_survey,
                                      ReleaseMethod::cancelled_by_non_technical_survey};
  for (ReleaseMethod method : kPrecedence) {
    CONCORD_ASSIGN_OR_RETURN(GeosGeometry by_method, union_of(context, releases, method));
    CONCORD_ASSIGN_OR_RETURN(
        GeosGeometry inside,
        own(context, GEOSIntersection_r(h, by_method.get(), hazard_geos.get()), "intersect"));
    // Only what a stronger method has not already released.
    CONCORD_ASSIGN_OR_RETURN(
        GeosGeometry part,
        own(context, GEOSDifference_r(h, inside.get(), released.get()), "subtract"));
    CONCORD_ASSIGN_OR_RETURN(MultiPolygon part_polygons, from_geos(context, part.get()));
    const double km2 = geodesic_area_km2(part_polygons);
    switch (method) {
      case ReleaseMethod::cleared:
        out.cleared_km2 = km2;
        break;
      case ReleaseMethod::reduced_by_technical_survey:
        out.reduced_km2 = km2;
        break;
      case ReleaseMethod::cancelled_by_non_technical_survey:
        out.cancelled_km2 = km2;
        break;
    }
    CONCORD_ASSIGN_OR_RETURN(released,
                             own(context, GEOSUnion_r(h, released.get(), inside.get()), "unite"));
  }
  CONCORD_ASSIGN_OR_RETURN(
      GeosGeometry remaining,
      own(context, GEOSDifference_r(h, hazard_geos.get(), released.get()), "subtract"));
  CONCORD_ASSIGN_OR_RETURN(out.remaining, from_geos(context, remaining.get()));
  CONCORD_ASSIGN_OR_RETURN(MultiPolygon released_polygons, from_geos(context, released.get()));
  out.released_km2 = geodesic_area_km2(released_polygons);
  out.remaining_km2 = std::max(geodesic_area_km2(out.remaining), 0.0);
  return out;
}

}  // namespace concord::operations
