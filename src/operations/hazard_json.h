// JSON for hazardous areas and land release, shared by the API and the CLI: records and views
// written out, and the strict readers of what a caller sends (an area, a classification, a
// release with its items and depth). A reader refuses an unknown field by name, a value of the
// wrong type naming its path ("items[1].found"), and the geometry through parse_area_geometry
// (its refusal names the JSON path at fault). The readers check shape and types; the domain's
// rules (dates, lengths, method-specific fields, ownership) are the service's.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "operations/hazard_service.h"
#include "operations/hazardous_area.h"
#include "operations/severity_bands.h"

namespace concord::operations {

using ordered_json = nlohmann::ordered_json;

ordered_json classification_json(const ClassificationChange& change);
// The area with its geometry (RFC 7946) and classifications.
ordered_json hazardous_area_json(const HazardousArea& area);
ordered_json items_json(const std::vector<ItemsFound>& items);
// depth_cm is null unless given.
ordered_json land_release_json(const LandReleaseRecord& release);
// {hazard_km2, released_km2, cleared_km2, reduced_km2, cancelled_km2, remaining_km2}.
ordered_json land_release_figures_json(const LandRelease& figures);
// {"on", "area", "classification", "figures", "releases"}; the remaining geometry is left to the
// GeoJSON route.
ordered_json hazardous_area_view_json(const HazardousAreaView& view);
// A document severity_bands_from_json reads back to the same configuration.
ordered_json severity_bands_json(const SeverityBandConfig& config);

// {"name", "region"?, "contamination", "classification"?, "geometry", "recorded_on"}; the state
// comes from the caller (the route's path or --state), never from the body.
Result<HazardousAreaInput> hazardous_area_input_from_json(const nlohmann::json& object,
                                                          std::string state);
// {"classification", "as_of", "note"?}.
Result<ClassificationChange> classification_from_json(const nlohmann::json& object);
// {"method", "date", "geometry", "depth_cm"?, "operator_name"?, "items"?: [{"device_type",
// "found", "destroyed"}]}.
Result<LandReleaseRecord> land_release_from_json(const nlohmann::json& object);

}  // namespace concord::operations
