// Corpus: the generated records the benchmark indexes and loads into its peers, held compactly
// (attributes interned, serials in one buffer) so that ten million of them fit beside the index
// and PostgreSQL. Record i has the id record_id(i): "W000000001" for the first, so that ties in
// score, which every system breaks by id, follow generation order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/indexed_record.h"

namespace concord::bench {

// The attributes a record carries besides its markings, as indices into Corpus::values.
struct Attributes {
  std::uint32_t kind = 0;
  std::uint32_t state = 0;
  std::uint32_t weapon_type = 0;
  std::uint32_t make = 0;
  std::uint32_t model = 0;
  std::uint32_t calibre = 0;
  std::uint32_t country_of_manufacture = 0;
};

class Corpus {
 public:
  // Generates `count` records with registry::generate_weapons.
  static Corpus generate(std::size_t count, std::uint64_t seed);

  std::size_t size() const { return attributes_.size(); }
  std::string_view serial(std::size_t record) const { return text(serials_, record); }
  std::string_view external_id(std::size_t record) const { return text(external_ids_, record); }
  const Attributes& attributes(std::size_t record) const { return attributes_[record]; }
  const std::string& value(std::uint32_t interned) const { return values_[interned]; }

  // Record `record` as the index holds it: the serial its only marking, shared with law
  // enforcement.
  search::IndexedRecord indexed_record(std::size_t record) const;

 private:
  struct Texts {
    std::string bytes;
    std::vector<std::uint64_t> ends;
  };
  static std::string_view text(const Texts& texts, std::size_t record);
  std::uint32_t intern(const std::string& value);

  std::vector<Attributes> attributes_;
  Texts serials_;
  Texts external_ids_;
  std::vector<std::string> values_;
  std::unordered_map<std::string, std::uint32_t> interned_;
};

std::string record_id(std::size_t record);
// The record index of an id made by record_id(), or nullopt for any other text.
std::optional<std::size_t> record_index(std::string_view id);

}  // namespace concord::bench
