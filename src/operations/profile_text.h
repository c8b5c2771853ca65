// The country profile as a readable text table, for `concord report country XX --year Y`.
// Plain ASCII layout, one block per figure group; the JSON (profile_json.h) holds the same
// figures for programs.
#pragma once

#include <string>

#include "core/reference_data.h"
#include "operations/country_profile.h"

namespace concord::operations {

std::string country_profile_text(const CountryProfile& profile, const ReferenceData& reference);

}  // namespace concord::operations
