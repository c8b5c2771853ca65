// Hazardous areas and land release as stored records: an area's contamination, its validated
// geometry and geodesic area, its classification over time (suspected, then confirmed), and each
// release of part of it (cancelled, reduced, cleared) with the items a clearance found and
// destroyed. The remaining area is never a field: area_arithmetic.h derives it from the area and
// its releases. Names come only from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "operations/area_arithmetic.h"
#include "operations/casualties.h"
#include "operations/hazard_polygon.h"

namespace concord::operations {

// What contaminates the area. The severity bands' by_type keys are these names.
enum class Contamination {
  mines,
  cluster_munition_remnants,
  other_erw,  // other explosive remnants of war
};

// Suspected (SHA: indirect evidence) or confirmed (CHA: direct evidence), IMAS 04.10.
enum class HazardClassification { suspected, confirmed };

std::string_view to_string(Contamination contamination);
std::optional<Contamination> contamination_from_string(std::string_view text);
std::string contaminations_list();
std::string_view to_string(HazardClassification classification);
std::optional<HazardClassification> hazard_classification_from_string(std::string_view text);
std::string hazard_classifications_list();

// One classification of an area from `as_of` on; the latest on or before a day holds.
struct ClassificationChange {
  std::string id;
  std::string area_id;
  HazardClassification classification = HazardClassification::suspected;
  std::string as_of;  // YYYY-MM-DD
  std::string note;
  std::string recorded_by;
  std::string created_at;
};

struct HazardousArea {
  std::string id;
  std::string state;  // ISO 3166-1 alpha-2
  std::string name;
  std::string region;  // administrative region, may be empty
  Contamination contamination = Contamination::mines;
  MultiPolygon geometry;    // valid by check_area_geometry
  double area_km2 = 0;      // geodesic_area_km2(geometry), computed by the service, never typed in
  std::string recorded_on;  // YYYY-MM-DD: from this day the area counts as contaminated
  std::string recorded_by;
  std::string created_at;
  std::vector<ClassificationChange> classifications;  // oldest as_of first, at least one
  // The classification holding on `day` (YYYY-MM-DD); nullopt before the first one.
  std::optional<HazardClassification> classification_on(std::string_view day) const;
};

// What a clearance found and destroyed of one device type.
struct ItemsFound {
  DeviceType device_type = DeviceType::unknown;
  std::int64_t found = 0;
  std::int64_t destroyed = 0;  // at most found
};

struct LandReleaseRecord {
  std::string id;
  std::string area_id;
  std::string state;
  ReleaseMethod method = ReleaseMethod::cleared;
  std::string date;               // YYYY-MM-DD
  MultiPolygon geometry;          // valid; counts only where it lies within the area
  std::optional<int> depth_cm;    // clearance depth: for cleared only, 1 to 1000
  std::string operator_name;      // the organisation that did the work
  std::vector<ItemsFound> items;  // for cleared only; each device type at most once
  std::string recorded_by;
  std::string created_at;
};

}  // namespace concord::operations
