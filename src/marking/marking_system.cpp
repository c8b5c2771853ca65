#include "marking/marking_system.h"

#include <algorithm>
#include <functional>
#include <map>

#include "marking/marking_system_pattern.h"

namespace concord::marking {
namespace {

// One published system, with its codes reduced to canonical keys and its patterns parsed.
struct CompiledSystem {
  const MarkingSystem* system = nullptr;
  std::string label;  // "the marking system of RU (version 2)"
  PatternTables tables;
  KeyTable manufacturer_names;
  KeyTable proof_marks;
  std::vector<MarkPattern> import_formats;
  std::vector<MarkPattern> serial_formats;
};

KeyTable key_table(size_t count, const std::function<const std::string&(size_t)>& text_of) {
  KeyTable table;
  for (size_t i = 0; i < count; ++i) {
    std::u32string key = canonical_key(text_of(i));
    if (!key.empty()) table.keys.emplace_back(std::move(key), i);
  }
  return table;
}

std::vector<MarkPattern> patterns(const std::vector<std::string>& texts) {
  std::vector<MarkPattern> out;
  for (const std::string& text : texts) {
    // Published systems were validated; one that was not is skipped rather than trusted.
    auto pattern = parse_mark_pattern(text, "pattern");
    if (pattern.ok()) out.push_back(std::move(pattern).value());
  }
  return out;
}

CompiledSystem compile(const MarkingSystem& system) {
  CompiledSystem compiled;
  compiled.system = &system;
  compiled.label = "the marking system of " + system.state;
  if (system.version > 0) compiled.label += " (version " + std::to_string(system.version) + ")";
  PatternTables& tables = compiled.tables;
  tables.countries = key_table(system.country_marks.size(), [&](size_t i) -> const std::string& {
    return system.country_marks[i].mark;
  });
  tables.year_codes = key_table(system.year_codes.size(), [&](size_t i) -> const std::string& {
    return system.year_codes[i].code;
  });
  for (const YearCode& code : system.year_codes)
    tables.year_code_years.push_back(code.year);
  tables.importers = key_table(system.importers.size(), [&](size_t i) -> const std::string& {
    return system.importers[i].code;
  });
  tables.manufacturers =
      key_table(system.manufacturer_codes.size(),
                [&](size_t i) -> const std::string& { return system.manufacturer_codes[i].code; });
  tables.two_digit_years_from = system.two_digit_years_from;
  compiled.manufacturer_names = key_table(
      system.manufacturer_codes.size(),
      [&](size_t i) -> const std::string& { return system.manufacturer_codes[i].manufacturer; });
  compiled.proof_marks = key_table(system.proof_marks.size(), [&](size_t i) -> const std::string& {
    return system.proof_marks[i].mark;
  });
  compiled.import_formats = patterns(system.import_mark_formats);
  compiled.serial_formats = patterns(system.serial_formats);
  return compiled;
}

// Entries of `table` that match the whole marking, with whether unknowns were needed.
std::vector<std::pair<size_t, bool>> whole_matches(const KeyTable& table, const ReadText& text) {
  std::vector<std::pair<size_t, bool>> matches;
  for (const auto& [key, entry] : table.keys) {
    if (auto unknowns = matches_whole(text, key)) matches.emplace_back(entry, *unknowns);
  }
  return matches;
}

int two_digit_year(int from, int value) {
  int year = from - from % 100 + value;
  return year < from ? year + 100 : year;
}

// One system's reading of one marking.
struct Claim {
  const CompiledSystem* source = nullptr;
  std::string key;  // claims with equal keys agree
  std::string country;
  std::string manufacturer;
  std::optional<int> year;
  std::optional<DecodedImport> import;
  std::string detail;  // "manufacturer code "ZKM" means Zavod Kovrov, made in RU"
  bool partly_read = false;
};

std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

std::string kind_words(MarkingKind kind) {
  std::string words(to_string(kind));
  std::replace(words.begin(), words.end(), '_', ' ');
  if (kind == MarkingKind::import_mark) words = "import";
  return words;
}

std::string marking_label(const TypedMarking& marking) {
  return kind_words(marking.kind) + " marking " + quoted(marking.text);
}

std::string claim_line(const Claim& claim) {
  return "in " + claim.source->label + ", " + claim.detail +
         (claim.partly_read ? " (partly read: the unreadable characters fit)" : "");
}

// The claims one marking settles on, or nullptr, with the explanation of how.
class Decoder {
 public:
  Decoder(const std::vector<CompiledSystem>& systems, DecodedMarkings& out)
      : systems_(systems), out_(out) {}

  // Picks among `claims` about `marking`: a single meaning is taken; when meanings differ, the
  // claims of `preferred(claim)` systems are kept and taken if they agree. Returns nullptr (and
  // says so) when nothing settles it.
  const Claim* settle(const TypedMarking& marking, const std::vector<Claim>& claims,
                      const std::function<bool(const Claim&)>& preferred,
                      const std::string& preference_words) {
    std::map<std::string, std::vector<const Claim*>> by_key;
    for (const Claim& claim : claims)
      by_key[claim.key].push_back(&claim);
    if (by_key.size() == 1) {
      const auto& agreeing = by_key.begin()->second;
      std::string line = marking_label(marking) + ": ";
      for (size_t i = 0; i < agreeing.size(); ++i) {
        if (i > 0) line += "; likewise ";
        line += claim_line(*agreeing[i]);
      }
      explain(line);
      return agreeing.front();
    }
    std::string readings;
    for (const Claim& claim : claims) {
      if (!readings.empty()) readings += "; ";
      readings += claim_line(claim);
    }
    std::vector<const Claim*> kept;
    std::map<std::string, int> kept_keys;
    for (const Claim& claim : claims) {
      if (preferred && preferred(claim)) {
        kept.push_back(&claim);
        ++kept_keys[claim.key];
      }
    }
    if (kept_keys.size() == 1) {
      explain(marking_label(marking) + " is ambiguous: " + readings + ". Taken: the reading of " +
              kept.front()->source->label + ", " + preference_words);
      return kept.front();
    }
    explain(marking_label(marking) + " is ambiguous: " + readings +
            ". Left undecided: no reading is preferred");
    return nullptr;
  }

  void explain(std::string line) { out_.explanations.push_back(std::move(line)); }

  void unrecognised(const TypedMarking& marking) {
    explain(marking_label(marking) + ": no published marking system recognises it");
  }

  const std::vector<CompiledSystem>& systems() const { return systems_; }

 private:
  const std::vector<CompiledSystem>& systems_;
  DecodedMarkings& out_;
};

std::vector<Claim> country_claims(const std::vector<CompiledSystem>& systems,
                                  const ReadText& text) {
  std::vector<Claim> claims;
  for (const CompiledSystem& compiled : systems) {
    for (const auto& [entry, unknowns] : whole_matches(compiled.tables.countries, text)) {
      const CountryMark& mark = compiled.system->country_marks[entry];
      Claim claim;
      claim.source = &compiled;
      claim.key = claim.country = mark.country;
      claim.detail = "country mark " + quoted(mark.mark) + " means made in " + mark.country;
      claim.partly_read = unknowns;
      claims.push_back(std::move(claim));
    }
  }
  return claims;
}

Claim manufacturer_claim(const CompiledSystem& compiled, size_t entry, bool unknowns,
                         const std::string& via) {
  const ManufacturerCode& code = compiled.system->manufacturer_codes[entry];
  Claim claim;
  claim.source = &compiled;
  claim.manufacturer = code.manufacturer;
  claim.country = code.country;
  claim.key = code.manufacturer + "\n" + code.country;
  claim.detail =
      via + quoted(code.code) + " means " + code.manufacturer + ", made in " + code.country;
  claim.partly_read = unknowns;
  return claim;
}

std::vector<Claim> manufacturer_claims(const std::vector<CompiledSystem>& systems,
                                       const ReadText& text) {
  std::vector<Claim> claims;
  for (const CompiledSystem& compiled : systems) {
    std::vector<bool> taken(compiled.system->manufacturer_codes.size(), false);
    for (const auto& [entry, unknowns] : whole_matches(compiled.tables.manufacturers, text)) {
      taken[entry] = true;
      claims.push_back(manufacturer_claim(compiled, entry, unknowns, "manufacturer code "));
    }
    for (const auto& [entry, unknowns] : whole_matches(compiled.manufacturer_names, text)) {
      if (taken[entry]) continue;
      claims.push_back(manufacturer_claim(compiled, entry, unknowns, "the manufacturer code of "));
    }
  }
  return claims;
}

std::vector<Claim> proof_claims(const std::vector<CompiledSystem>& systems, const ReadText& text) {
  std::vector<Claim> claims;
  for (const CompiledSystem& compiled : systems) {
    for (const auto& [entry, unknowns] : whole_matches(compiled.proof_marks, text)) {
      const ProofMark& mark = compiled.system->proof_marks[entry];
      Claim claim;
      claim.source = &compiled;
      claim.key = claim.country = mark.country;
      claim.detail = "proof mark " + quoted(mark.mark) + " is applied by " + mark.proof_house +
                     " in " + mark.country;
      claim.partly_read = unknowns;
      claims.push_back(std::move(claim));
    }
  }
  return claims;
}

bool all_digits(const ReadText& text) {
  return std::all_of(text.begin(), text.end(), [](const ReadSymbol& symbol) {
    return symbol.kind == ReadSymbol::Kind::symbol && symbol.symbol >= U'0' &&
           symbol.symbol <= U'9';
  });
}

int digits_of(const ReadText& text) {
  int value = 0;
  for (const ReadSymbol& symbol : text)
    value = value * 10 + static_cast<int>(symbol.symbol - U'0');
  return value;
}

// Digits and '?' only, at least one '?': a year with unreadable digits.
bool digits_with_unknowns(const ReadText& text) {
  bool unknown = false;
  for (const ReadSymbol& symbol : text) {
    if (symbol.kind == ReadSymbol::Kind::unknown_run) return false;
    if (symbol.kind == ReadSymbol::Kind::unknown_one) {
      unknown = true;
    } else if (symbol.symbol < U'0' || symbol.symbol > U'9') {
      return false;
    }
  }
  return unknown;
}

std::vector<Claim> year_claims(const std::vector<CompiledSystem>& systems, const ReadText& text) {
  std::vector<Claim> claims;
  for (const CompiledSystem& compiled : systems) {
    if (text.size() == 2 && all_digits(text)) {
      const int from = compiled.system->two_digit_years_from;
      Claim claim;
      claim.source = &compiled;
      claim.year = two_digit_year(from, digits_of(text));
      claim.key = std::to_string(*claim.year);
      claim.detail =
          "two-digit years run from " + std::to_string(from) + ", so it means " + claim.key;
      claims.push_back(std::move(claim));
    }
    for (const auto& [entry, unknowns] : whole_matches(compiled.tables.year_codes, text)) {
      const YearCode& code = compiled.system->year_codes[entry];
      Claim claim;
      claim.source = &compiled;
      claim.year = code.year;
      claim.key = std::to_string(code.year);
      claim.detail = "year code " + quoted(code.code) + " means " + claim.key;
      claim.partly_read = unknowns;
      claims.push_back(std::move(claim));
    }
  }
  return claims;
}

std::string year_words(const PatternReading& reading) {
  if (reading.year) return std::to_string(*reading.year);
  return reading.year_unreadable ? "an unreadable year" : "";
}

std::vector<Claim> import_claims(const std::vector<CompiledSystem>& systems, const ReadText& text) {
  std::vector<Claim> claims;
  for (const CompiledSystem& compiled : systems) {
    const MarkingSystem& system = *compiled.system;
    for (const MarkPattern& format : compiled.import_formats) {
      for (const PatternReading& reading : match_pattern(format, compiled.tables, text)) {
        DecodedImport import;
        // Without {country} the mark is the publisher's own.
        import.country = reading.country_entry
                             ? system.country_marks[*reading.country_entry].country
                             : system.state;
        import.year = reading.year;
        std::string importer_words;
        if (reading.importer_entry) {
          const Importer& importer = system.importers[*reading.importer_entry];
          import.importer = importer.code;
          importer_words = " by " + importer.name + " (" + quoted(importer.code) + ")";
        } else if (!reading.importer_as_read.empty()) {
          import.importer = reading.importer_as_read;
          importer_words = " by importer " + quoted(reading.importer_as_read);
        }
        Claim claim;
        claim.source = &compiled;
        claim.key = import.country + "\n" + (import.year ? std::to_string(*import.year) : "") +
                    "\n" + import.importer;
        claim.detail = "import mark format " + quoted(format.text) + " reads it as imported into " +
                       import.country +
                       (year_words(reading).empty() ? "" : " in " + year_words(reading)) +
                       importer_words;
        claim.partly_read = reading.used_unknowns;
        claim.import = std::move(import);
        claims.push_back(std::move(claim));
      }
    }
  }
  return claims;
}

std::vector<Claim> serial_claims(const std::vector<CompiledSystem>& systems, const ReadText& text) {
  std::vector<Claim> claims;
  for (const CompiledSystem& compiled : systems) {
    for (const MarkPattern& format : compiled.serial_formats) {
      for (const PatternReading& reading : match_pattern(format, compiled.tables, text)) {
        if (!reading.manufacturer_entry && !reading.year) continue;  // nothing learnt
        Claim claim;
        claim.source = &compiled;
        claim.year = reading.year;
        std::string detail = "serial format " + quoted(format.text) + " reads";
        if (reading.manufacturer_entry) {
          const ManufacturerCode& code =
              compiled.system->manufacturer_codes[*reading.manufacturer_entry];
          claim.manufacturer = code.manufacturer;
          claim.country = code.country;
          detail += " manufacturer code " + quoted(code.code) + " (" + code.manufacturer +
                    ", made in " + code.country + ")";
        }
        if (reading.year) {
          detail += (reading.manufacturer_entry ? " and" : "") + std::string(" the year ") +
                    std::to_string(*reading.year);
        }
        claim.key = claim.manufacturer + "\n" + claim.country + "\n" +
                    (claim.year ? std::to_string(*claim.year) : "");
        claim.detail = std::move(detail);
        claim.partly_read = reading.used_unknowns;
        claims.push_back(std::move(claim));
      }
    }
  }
  return claims;
}

bool decodes_country(MarkingKind kind) {
  return kind == MarkingKind::country_of_manufacture || kind == MarkingKind::other;
}
bool decodes_manufacturer(MarkingKind kind) {
  return kind == MarkingKind::manufacturer || kind == MarkingKind::other;
}
bool decodes_proof(MarkingKind kind) {
  return kind == MarkingKind::proof_mark || kind == MarkingKind::other;
}
// Kinds whose every marking gets a line even when nothing recognises it.
bool always_explained(MarkingKind kind) {
  return kind == MarkingKind::manufacturer || kind == MarkingKind::country_of_manufacture ||
         kind == MarkingKind::year || kind == MarkingKind::import_mark ||
         kind == MarkingKind::proof_mark;
}

}  // namespace

const DecodedImport* DecodedMarkings::last_import() const {
  const DecodedImport* latest = nullptr;
  for (const DecodedImport& candidate : imports) {
    if (latest == nullptr || !candidate.year || !latest->year || *candidate.year >= *latest->year) {
      latest = &candidate;
    }
  }
  return latest;
}

DecodedMarkings decode_markings(const std::vector<MarkingSystem>& systems,
                                const std::vector<TypedMarking>& markings) {
  DecodedMarkings out;
  std::vector<const MarkingSystem*> ordered;
  for (const MarkingSystem& system : systems)
    ordered.push_back(&system);
  // Explanations read the same whatever order the systems came in.
  std::stable_sort(
      ordered.begin(), ordered.end(),
      [](const MarkingSystem* a, const MarkingSystem* b) { return a->state < b->state; });
  std::vector<CompiledSystem> compiled;
  compiled.reserve(ordered.size());
  for (const MarkingSystem* system : ordered)
    compiled.push_back(compile(*system));
  Decoder decoder(compiled, out);
  if (compiled.empty() && !markings.empty())
    decoder.explain("no state has published a marking system yet");

  std::vector<std::optional<ReadText>> read;
  read.reserve(markings.size());
  for (const TypedMarking& marking : markings) {
    read.push_back(read_text(marking.text));
    if (!read.back() && always_explained(marking.kind))
      decoder.explain(marking_label(marking) + ": nothing legible to decode");
  }
  std::vector<bool> recognised(markings.size(), false);
  auto in_country = [&out](const Claim& claim) {
    return !out.country_of_manufacture.empty() &&
           claim.source->system->state == out.country_of_manufacture;
  };
  const std::string in_country_words = "the system of the country of manufacture";
  // A later marking that disagrees is reported, never silently dropped.
  auto set_country = [&](const TypedMarking& marking, const std::string& country,
                         const std::string& how) {
    if (out.country_of_manufacture.empty()) {
      out.country_of_manufacture = country;
      return;
    }
    if (out.country_of_manufacture != country) {
      decoder.explain(marking_label(marking) + " points to " + country + " (" + how +
                      "), but the country of manufacture was already read as " +
                      out.country_of_manufacture + "; kept " + out.country_of_manufacture);
    }
  };

  // 1. Country markings: a state's reading of a mark it claims as its own wins.
  for (size_t i = 0; i < markings.size(); ++i) {
    if (!read[i] || !decodes_country(markings[i].kind)) continue;
    const auto claims = country_claims(compiled, *read[i]);
    if (claims.empty()) continue;
    recognised[i] = true;
    const Claim* taken = decoder.settle(
        markings[i], claims,
        [](const Claim& claim) { return claim.source->system->state == claim.country; },
        "the state that claims the mark as its own");
    if (taken != nullptr) set_country(markings[i], taken->country, "a country mark");
  }
  // 2. Manufacturer codes; they also give the country when no country marking did.
  for (size_t i = 0; i < markings.size(); ++i) {
    if (!read[i] || !decodes_manufacturer(markings[i].kind)) continue;
    const auto claims = manufacturer_claims(compiled, *read[i]);
    if (claims.empty()) continue;
    recognised[i] = true;
    const Claim* taken = decoder.settle(markings[i], claims, in_country, in_country_words);
    if (taken == nullptr) continue;
    if (out.manufacturer.empty()) {
      out.manufacturer = taken->manufacturer;
    } else if (out.manufacturer != taken->manufacturer) {
      decoder.explain(marking_label(markings[i]) + " names " + taken->manufacturer +
                      ", but the manufacturer was already read as " + out.manufacturer + "; kept " +
                      out.manufacturer);
    }
    set_country(markings[i], taken->country, "the manufacturer code");
  }
  // 3. Proof marks: where the weapon was proofed, taken as the country of manufacture only when
  // nothing better said so.
  for (size_t i = 0; i < markings.size(); ++i) {
    if (!read[i] || !decodes_proof(markings[i].kind)) continue;
    const auto claims = proof_claims(compiled, *read[i]);
    if (claims.empty()) continue;
    recognised[i] = true;
    const Claim* taken = decoder.settle(markings[i], claims, in_country, in_country_words);
    if (taken != nullptr) set_country(markings[i], taken->country, "a proof mark");
  }
  // 4. Years: four digits need no system; two digits and year codes do.
  for (size_t i = 0; i < markings.size(); ++i) {
    if (!read[i] || markings[i].kind != MarkingKind::year) continue;
    const ReadText& text = *read[i];
    std::optional<int> year;
    if (text.size() == 4 && all_digits(text) && digits_of(text) >= 1800) {
      year = digits_of(text);
      decoder.explain(marking_label(markings[i]) + ": a four-digit year, " + std::to_string(*year));
      recognised[i] = true;
    } else if (digits_with_unknowns(text)) {
      decoder.explain(marking_label(markings[i]) + ": a year with unreadable digits; not decoded");
      recognised[i] = true;
    } else {
      const auto claims = year_claims(compiled, text);
      if (claims.empty()) continue;
      recognised[i] = true;
      const Claim* taken = decoder.settle(markings[i], claims, in_country, in_country_words);
      if (taken != nullptr) year = taken->year;
    }
    if (!year) continue;
    if (!out.year_of_manufacture) {
      out.year_of_manufacture = year;
    } else if (*out.year_of_manufacture != *year) {
      decoder.explain(marking_label(markings[i]) + " gives " + std::to_string(*year) +
                      ", but the year was already read as " +
                      std::to_string(*out.year_of_manufacture) + "; kept " +
                      std::to_string(*out.year_of_manufacture));
    }
  }
  // 5. Serials, for what the markings above left open.
  for (size_t i = 0; i < markings.size(); ++i) {
    if (!read[i] || markings[i].kind != MarkingKind::serial) continue;
    const auto claims = serial_claims(compiled, *read[i]);
    if (claims.empty()) continue;
    recognised[i] = true;
    const Claim* taken = decoder.settle(markings[i], claims, in_country, in_country_words);
    if (taken == nullptr) continue;
    if (out.manufacturer.empty() && !taken->manufacturer.empty()) {
      out.manufacturer = taken->manufacturer;
      set_country(markings[i], taken->country, "the manufacturer code in the serial");
    }
    if (!out.year_of_manufacture && taken->year) out.year_of_manufacture = taken->year;
  }
  // 6. Import marks, in the order marked: an importing state's own reading wins.
  for (size_t i = 0; i < markings.size(); ++i) {
    if (!read[i] || markings[i].kind != MarkingKind::import_mark) continue;
    const auto claims = import_claims(compiled, *read[i]);
    if (claims.empty()) continue;
    recognised[i] = true;
    const Claim* taken = decoder.settle(
        markings[i], claims,
        [](const Claim& claim) { return claim.source->system->state == claim.import->country; },
        "the importing state's own format");
    if (taken != nullptr) out.imports.push_back(*taken->import);
  }
  for (size_t i = 0; i < markings.size(); ++i) {
    if (read[i] && !recognised[i] && always_explained(markings[i].kind) && !compiled.empty())
      decoder.unrecognised(markings[i]);
  }
  return out;
}

}  // namespace concord::marking
