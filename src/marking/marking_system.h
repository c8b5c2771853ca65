// MarkingSystem: a state's published marking conventions (PoA III.12) as structured patterns, and
// decode_markings(), which reads a weapon's typed markings with every published system to find the
// country and year of manufacture, the manufacturer and the imports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "marking/typed_marking.h"

namespace concord::marking {

// The patterns one state publishes. (Filled in by the marking-systems work.)
struct MarkingSystem {
  std::string state;  // publisher, ISO 3166-1 alpha-2
  int version = 0;
};

struct DecodedImport {
  std::string country;  // alpha-2
  std::optional<int> year;
  std::string importer;
};

struct DecodedMarkings {
  std::string country_of_manufacture;  // alpha-2, or "" when no system recognises one
  std::string manufacturer;            // "" when unknown
  std::optional<int> year_of_manufacture;
  std::vector<DecodedImport> imports;     // in the order marked; last_import() picks the latest
  std::vector<std::string> explanations;  // one line per finding: which marking, which system

  // The import with the latest year (the last one listed when years are missing), or nullptr.
  const DecodedImport* last_import() const;
};

// Never fails: what no system recognises stays empty.
DecodedMarkings decode_markings(const std::vector<MarkingSystem>& systems,
                                const std::vector<TypedMarking>& markings);

}  // namespace concord::marking
