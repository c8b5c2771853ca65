// DamagedQuery: what an officer might read from a worn, ground or restored marking, generated from
// the marking as recorded, with the ground truth kept. For tests and benchmarks: every kind of
// damage the index must tolerate, one at a time or combined, deterministic for a seed.
#pragma once

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace concord::search {

enum class Damage {
  none,           // read exactly (separators and case may still differ)
  look_alike,     // one or two symbols read as a look-alike (0 for O, 8 for B)
  unknown_one,    // one or two unreadable symbols typed as ?
  unknown_run,    // an unreadable run typed as *
  deletion,       // one symbol not noticed at all (an unmarked deletion)
  lost_prefix,    // the first one to three symbols ground away, not marked
  lost_suffix,    // the last one to three symbols ground away, not marked
  transposition,  // two adjacent symbols read in swapped order
  substitution,   // one symbol read as an unrelated one
  separators,     // separators, spaces and case changed; look-alike Cyrillic and Latin swapped
  combined,       // two of the above at once
};

std::string_view to_string(Damage damage);
const std::vector<Damage>& all_damages();

// `marking` damaged as `damage` says, using `random`; what it returns always parses as a query.
// Returns nullopt when the marking is too short for that damage to leave a usable query (fewer
// than three readable symbols would remain) or offers nothing to damage that way (no symbol with
// a look-alike, no two adjacent different symbols to swap).
std::optional<std::string> damage_marking(std::string_view marking, Damage damage,
                                          std::mt19937_64& random);

}  // namespace concord::search
