// A seeded generator of plausible national marking systems for the demo and tests: invented
// makers with their codes, country marks, a proof house, year letters, importers and import and
// serial formats. The same seed and states always give the same systems, and every system it
// makes passes parse_marking_system() once written out with marking_system_json().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/reference_data.h"
#include "marking/marking_system.h"

namespace concord::marking {

// One system per entry of `states` (ISO 3166-1 alpha-2, upper case), in that order, with version
// 0 (the store numbers them). With `reference`, country marks also carry the alpha-3 code and
// "MADE IN <NAME>". Makers of different states sometimes share a code, as in life, so decoding
// has ambiguities to settle.
std::vector<MarkingSystem> generate_marking_systems(std::uint64_t seed,
                                                    const std::vector<std::string>& states,
                                                    const ReferenceData* reference = nullptr);

}  // namespace concord::marking
