// The country profile as JSON, for GET /api/v1/countries/{state}/profile and
// `concord report country --json`. Amounts of money are decimal strings in the profile's
// currency ("1000.00"), areas are km² as numbers, names are those of the records.
#pragma once

#include <nlohmann/json.hpp>

#include "core/reference_data.h"
#include "operations/country_profile.h"

namespace concord::operations {

nlohmann::ordered_json country_profile_json(const CountryProfile& profile,
                                            const ReferenceData& reference);

}  // namespace concord::operations
