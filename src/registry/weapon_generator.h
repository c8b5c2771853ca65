// WeaponGenerator: a realistic synthetic registry, deterministic for a seed, for the demo, tests
// and benchmarks (`concord gen weapons`). Many makers, each with its own serial formats and
// sequential numbering; serials that repeat across makers; Cyrillic and Chinese markings; every
// record kind, with lost, stolen and seized well represented.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "registry/weapon_record.h"

namespace concord::registry {

struct WeaponGeneratorOptions {
  std::size_t count = 1000;
  std::uint64_t seed = 1;
};

// Calls `sink` once per record, in order. Records have no id (the store assigns it); external_id
// is unique per state. The same options always give the same records.
void generate_weapons(const WeaponGeneratorOptions& options,
                      const std::function<void(const WeaponRecord&)>& sink);

// The invented makers and their models that every run draws from (the same for every seed), for
// filling the weapon reference table (registry/weapon_reference_fill.h).
struct CatalogueModel {
  std::string name;
  std::string weapon_type;
  std::string calibre;
};
struct CatalogueMaker {
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  std::vector<CatalogueModel> models;
};
std::vector<CatalogueMaker> generator_catalogue();
// Every calibre the generator uses, without repeats.
std::vector<std::string> generator_calibres();

}  // namespace concord::registry
