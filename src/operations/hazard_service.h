// HazardService: hazardous areas, their classification over time, land release and the figures
// derived from them (remaining area never typed in), the severity band configuration, and the
// GeoJSON features the exports and the map draw.
//
// Writes need `operations.record`, for the caller's own state only (operations_writes.h); the
// band configuration needs `operations.configure` (operators). Geometry is validated by
// parse_area_geometry (the refusal names its JSON path) and the area's km2 is computed here.
// Reads need `operations.read` (anyone).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "operations/area_arithmetic.h"
#include "operations/hazardous_area.h"
#include "operations/severity_bands.h"
#include "store/database.h"

namespace concord::operations {

// A new hazardous area: its first classification is `classification` as of `recorded_on`.
struct HazardousAreaInput {
  std::string state;
  std::string name;    // 1 to 200 characters
  std::string region;  // 0 to 100 characters
  Contamination contamination = Contamination::mines;
  HazardClassification classification = HazardClassification::suspected;
  MultiPolygon geometry;    // as parse_area_geometry returned it
  std::string recorded_on;  // YYYY-MM-DD, not in the future
};

// An area with its releases and the figures as they stood at the end of `on`.
struct HazardousAreaView {
  std::string on;  // the day (YYYY-MM-DD) the view is of
  HazardousArea area;
  std::vector<LandReleaseRecord> releases;             // on or before `on`, oldest first
  std::optional<HazardClassification> classification;  // on `on`
  LandRelease figures;  // compute_land_release of the releases on or before `on`
};

class HazardService {
 public:
  // All references must outlive the service.
  HazardService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                IdGenerator& ids, const access::AuditTrail& audit)
      : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit) {}

  Result<HazardousArea> record_area(const access::Principal& actor, HazardousAreaInput input);
  // A later classification (as_of on or after recorded_on, not in the future).
  Result<ClassificationChange> classify(const access::Principal& actor, const std::string& area_id,
                                        ClassificationChange change);
  // A release of part of the area: date on or after recorded_on and not in the future; depth_cm
  // and items only for cleared; a geometry that does not touch the area is refused
  // (invalid_argument "geometry": nothing of it lies within the area).
  Result<LandReleaseRecord> record_release(const access::Principal& actor,
                                           const std::string& area_id, LandReleaseRecord release);

  // `on` is YYYY-MM-DD (today when empty). not_found "area_id" when unknown.
  Result<HazardousAreaView> area(const access::Principal& reader, const std::string& area_id,
                                 const std::string& on);
  // The state's areas recorded on or before `on` (every state's when state is nullopt).
  Result<std::vector<HazardousAreaView>> areas(const access::Principal& reader,
                                               const std::optional<std::string>& state,
                                               const std::string& on);
  // A FeatureCollection (RFC 7946) of the areas: one Feature per area with its remaining
  // geometry and properties id, state, name, region, contamination, classification, area_km2,
  // released_km2, remaining_km2; plus, when with_releases, one Feature per release with
  // properties id, area_id, method, date, depth_cm and the release's geometry.
  Result<nlohmann::json> feature_collection(const access::Principal& reader,
                                            const std::optional<std::string>& state,
                                            const std::string& on, bool with_releases);

  // The configured bands, or the defaults.
  Result<SeverityBandConfig> severity_bands(const access::Principal& reader);
  // Stores a configuration document (severity_bands_from_json validates it); needs
  // `operations.configure`.
  Result<SeverityBandConfig> set_severity_bands(const access::Principal& actor,
                                                const std::string& document);

 private:
  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::operations
