// MarkingSystem: a state's published marking conventions (PoA III.12) as structured patterns, and
// decode_markings(), which reads a weapon's typed markings with every published system to find the
// country and year of manufacture, the manufacturer and the imports.
//
// A system is a set of tables (codes compared after canonical_marking.h normalisation, so "ZK-M"
// and "zkm" are the same code) and mark patterns in the small template language of
// marking_system_pattern.h. It is built by parse_marking_system() (marking_system_json.h), which
// validates everything; decode_markings() trusts it and never fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "marking/typed_marking.h"

namespace concord::marking {

struct ManufacturerCode {
  std::string code;          // as published: "ZKM", "Ж", "IZH"
  std::string manufacturer;  // the maker's name
  std::string country;       // alpha-2 of the country the code implies
};

// Text or a symbol's name that names a country: "CCCP", "MADE IN XANADU", "XA".
struct CountryMark {
  std::string mark;
  std::string country;  // alpha-2
};

struct ProofMark {
  std::string mark;         // the mark's text or conventional name: "BUG", "crown over N"
  std::string proof_house;  // who applies it
  std::string country;      // alpha-2 of the proof house
};

// A letter or symbol that stands for a year: "A" -> 1990.
struct YearCode {
  std::string code;
  int year = 0;
};

struct Importer {
  std::string code;  // as it appears in import marks
  std::string name;
};

// The patterns one state publishes. Versions count from 1 per state; 0 until stored.
struct MarkingSystem {
  std::string state;  // publisher, ISO 3166-1 alpha-2
  int version = 0;
  std::string published_at;  // ISO 8601 UTC, set by the store
  std::string description;
  std::vector<ManufacturerCode> manufacturer_codes;
  std::vector<CountryMark> country_marks;
  std::vector<ProofMark> proof_marks;
  std::vector<YearCode> year_codes;
  // A two-digit year "yy" is the year in [two_digit_years_from, two_digit_years_from + 99].
  int two_digit_years_from = 1930;
  std::vector<Importer> importers;
  // Mark patterns (marking_system_pattern.h): "{country}{year2}{importer}".
  std::vector<std::string> import_mark_formats;
  std::vector<std::string> serial_formats;
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
//
// Each marking is read with every system: manufacturer markings against manufacturer codes and
// names, country markings against country marks, year markings as four-digit years (no system
// needed), two-digit years and year codes, proof marks against proof marks, import marks against
// import mark formats, serials against serial formats, and `other` markings against country
// marks, manufacturer codes and proof marks. A '?' in the text matches any one symbol and a '*'
// any run; a finding that needed them says "partly read".
//
// When systems disagree (two claim the same code with different meanings), the system of the
// state the weapon's markings name wins: for a country mark the state that claims it as its own,
// for every other marking the country of manufacture already decoded. When nothing settles it,
// the field stays empty and the explanation lists every reading. The country of manufacture comes
// from country markings first, then from the manufacturer code, then from proof marks.
DecodedMarkings decode_markings(const std::vector<MarkingSystem>& systems,
                                const std::vector<TypedMarking>& markings);

}  // namespace concord::marking
