#include "corpus.h"

#include <charconv>
#include <cstdio>

#include "registry/weapon_generator.h"

namespace concord::bench {

Corpus Corpus::generate(std::size_t count, std::uint64_t seed) {
  Corpus corpus;
  corpus.attributes_.reserve(count);
  corpus.serials_.ends.reserve(count);
  corpus.external_ids_.ends.reserve(count);
  registry::generate_weapons({count, seed}, [&corpus](const registry::WeaponRecord& weapon) {
    Attributes attributes;
    attributes.kind = corpus.intern(std::string(registry::to_string(weapon.kind)));
    attributes.state = corpus.intern(weapon.state);
    attributes.weapon_type = corpus.intern(weapon.weapon_type);
    attributes.make = corpus.intern(weapon.make);
    attributes.model = corpus.intern(weapon.model);
    attributes.calibre = corpus.intern(weapon.calibre);
    attributes.country_of_manufacture = corpus.intern(weapon.country_of_manufacture);
    corpus.attributes_.push_back(attributes);
    corpus.serials_.bytes += weapon.serial;
    corpus.serials_.ends.push_back(corpus.serials_.bytes.size());
    corpus.external_ids_.bytes += weapon.external_id;
    corpus.external_ids_.ends.push_back(corpus.external_ids_.bytes.size());
  });
  return corpus;
}

std::string_view Corpus::text(const Texts& texts, std::size_t record) {
  const std::uint64_t begin = record == 0 ? 0 : texts.ends[record - 1];
  return std::string_view(texts.bytes).substr(begin, texts.ends[record] - begin);
}

std::uint32_t Corpus::intern(const std::string& value) {
  const auto [at, added] = interned_.try_emplace(value, static_cast<std::uint32_t>(values_.size()));
  if (added) values_.push_back(value);
  return at->second;
}

search::IndexedRecord Corpus::indexed_record(std::size_t record) const {
  const Attributes& of = attributes_[record];
  search::IndexedRecord indexed;
  indexed.id = record_id(record);
  indexed.external_id = std::string(external_id(record));
  indexed.kind = values_[of.kind];
  indexed.state = values_[of.state];
  indexed.weapon_type = values_[of.weapon_type];
  indexed.make = values_[of.make];
  indexed.model = values_[of.model];
  indexed.calibre = values_[of.calibre];
  indexed.country_of_manufacture = values_[of.country_of_manufacture];
  indexed.sharing = "law_enforcement";
  indexed.markings = {std::string(serial(record))};
  return indexed;
}

std::string record_id(std::size_t record) {
  char id[16];
  std::snprintf(id, sizeof(id), "W%09zu", record + 1);
  return id;
}

std::optional<std::size_t> record_index(std::string_view id) {
  if (id.size() < 2 || id[0] != 'W') return std::nullopt;
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(id.data() + 1, id.data() + id.size(), number);
  if (error != std::errc() || end != id.data() + id.size() || number == 0) return std::nullopt;
  return number - 1;
}

}  // namespace concord::bench
