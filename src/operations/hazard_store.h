// The tables of hazardous areas, their classifications, land releases with the items found, and
// the severity band setting (migration 0013). Geometry is stored as GeoJSON text and read back
// through parse_area_geometry_text. Functions run inside the caller's transaction, on SQLite and
// PostgreSQL alike, and do no access checks: the services do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "operations/hazardous_area.h"
#include "store/database.h"

namespace concord::operations {

// Inserts the area and its classifications.
Result<void> insert_hazardous_area(store::Transaction& transaction, const HazardousArea& area);
Result<void> insert_classification(store::Transaction& transaction,
                                   const ClassificationChange& change);
// not_found (field "area_id") when unknown; classifications filled.
Result<HazardousArea> get_hazardous_area(store::Transaction& transaction, const std::string& id);
// The state's areas (every state's when nullopt), by id, classifications filled.
Result<std::vector<HazardousArea>> list_hazardous_areas(store::Transaction& transaction,
                                                        const std::optional<std::string>& state);

// Inserts the release and its items.
Result<void> insert_land_release(store::Transaction& transaction, const LandReleaseRecord& release);
// The releases of one area, oldest date first, items filled.
Result<std::vector<LandReleaseRecord>> list_land_releases(store::Transaction& transaction,
                                                          const std::string& area_id);
// Every release of the state's areas, oldest date first, items filled.
Result<std::vector<LandReleaseRecord>> list_state_land_releases(store::Transaction& transaction,
                                                                const std::string& state);

// The operations_settings row `name`, nullopt when absent; and its replacement.
Result<std::optional<std::string>> get_operations_setting(store::Transaction& transaction,
                                                          const std::string& name);
Result<void> put_operations_setting(store::Transaction& transaction, const std::string& name,
                                    const std::string& value, const std::string& updated_by,
                                    const std::string& updated_at);

}  // namespace concord::operations
