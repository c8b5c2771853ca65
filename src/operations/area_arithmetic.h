// Land release arithmetic on one hazardous area: how much of it the recorded releases cover, by
// method, and what remains, each square metre counted once (GEOS overlay, geodesic km² from
// geodesic_area.h). Where releases by different methods overlap, the strongest evidence keeps the
// overlap: cleared, then reduced by technical survey, then cancelled by non-technical survey; the
// order the releases were recorded in does not matter. Releases outside the hazardous area count
// only for their part inside it. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "operations/hazard_polygon.h"

namespace concord::operations {

// Declared from the strongest evidence to the weakest: the precedence of the overlay.
enum class ReleaseMethod {
  cleared,
  reduced_by_technical_survey,
  cancelled_by_non_technical_survey,
};

// "cleared", "reduced_by_technical_survey", "cancelled_by_non_technical_survey".
std::string_view to_string(ReleaseMethod method);
std::optional<ReleaseMethod> release_method_from_string(std::string_view text);
std::string release_methods_list();

struct Release {
  ReleaseMethod method = ReleaseMethod::cleared;
  MultiPolygon geometry;
};

struct LandRelease {
  double hazard_km2 = 0;
  double released_km2 = 0;  // the union of the releases within the hazardous area
  double cleared_km2 = 0;   // the three parts are disjoint and sum to released_km2
  double reduced_km2 = 0;
  double cancelled_km2 = 0;
  double remaining_km2 = 0;  // hazard minus released, never negative
  MultiPolygon remaining;    // empty when everything is released
};

// The release figures for `hazard` given `releases` (all valid geometry, as parse_area_geometry
// returns). Error::internal only if GEOS fails.
Result<LandRelease> compute_land_release(const MultiPolygon& hazard,
                                         const std::vector<Release>& releases);

}  // namespace concord::operations
