// ReferenceData: countries (ISO 3166-1) and currencies (ISO 4217), read from Debian's iso-codes
// JSON files, never typed by hand. Loaded once in main() and passed to whoever needs it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord {

struct Country {
  std::string alpha2;         // "FR": the code every Concord record uses
  std::string alpha3;         // "FRA"
  std::string numeric;        // "250"
  std::string name;           // "France"
  std::string official_name;  // "French Republic"; empty when iso-codes gives none
};

struct Currency {
  std::string code;     // "EUR"
  std::string numeric;  // "978"
  std::string name;     // "Euro"
  int minor_digits =
      2;  // decimal places of the minor unit (JPY 0, KWD 3), from ICU's ISO 4217 data
};

// Immutable after load, so safe to share between threads.
class ReferenceData {
 public:
  // Reads iso_3166-1.json and iso_4217.json from `iso_codes_dir`
  // (normally /usr/share/iso-codes/json). Fails with the file name when either is missing or
  // malformed.
  static Result<std::shared_ptr<const ReferenceData>> load(const std::string& iso_codes_dir);

  const std::vector<Country>& countries() const { return countries_; }
  const std::vector<Currency>& currencies() const { return currencies_; }

  // Case-sensitive lookups by the upper-case code; nullptr when unknown.
  const Country* country(std::string_view alpha2) const;
  const Currency* currency(std::string_view code) const;

 private:
  std::vector<Country> countries_;    // sorted by alpha2
  std::vector<Currency> currencies_;  // sorted by code
};

}  // namespace concord
