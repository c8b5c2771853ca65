// ReferenceTable: hash maps from folded keys to entries, built once per snapshot.
#include "registry/weapon_reference_table.h"

#include <algorithm>

#include "core/enum_names.h"
#include "core/text.h"

namespace concord::registry {
namespace {

constexpr EnumNames<MatchedBy, 3> kMatchedByNames({{
    {MatchedBy::name, "name"},
    {MatchedBy::code, "code"},
    {MatchedBy::alias, "alias"},
}});

// Decodes one UTF-8 code point at `text[i]`, advancing `i`; an invalid byte reads as itself.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3 : 4;
  if (i + static_cast<std::size_t>(length) > text.size()) length = 1;
  char32_t code_point = length == 1   ? byte
                        : length == 2 ? byte & 0x1f
                        : length == 3 ? byte & 0x0f
                                      : byte & 0x07;
  for (int k = 1; k < length; ++k)
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
  i += static_cast<std::size_t>(length);
  return code_point;
}

// Letters and digits outside ASCII are kept (lower-cased where it is simple: Latin-1 and
// Cyrillic); Latin-1 and general punctuation are dropped like ASCII punctuation.
void append_folded(std::string& key, char32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += static_cast<char>(c);
    return;
  }
  if (c == 0xd7) {  // × MULTIPLICATION SIGN
    key += 'x';
    return;
  }
  if (c <= 0xbf || (c >= 0x2000 && c <= 0x206f) || c == 0xf7) return;
  if (c >= 0xc0 && c <= 0xde) c += 0x20;
  if (c >= 0x410 && c <= 0x42f) c += 0x20;
  if (c >= 0x400 && c <= 0x40f) c += 0x50;
  key += utf8_of(c);
}

std::vector<std::size_t>& at_least(std::vector<std::vector<std::size_t>>& lists, std::size_t i) {
  if (lists.size() <= i) lists.resize(i + 1);
  return lists[i];
}

}  // namespace

std::string_view to_string(MatchedBy by) {
  return kMatchedByNames.name(by);
}

std::string reference_key(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  for (std::size_t i = 0; i < text.size();)
    append_folded(key, next_code_point(text, i));
  return key;
}

std::string calibre_key(std::string_view text) {
  std::string key = reference_key(text);
  if (key.size() > 2 && key.ends_with("mm") && key[key.size() - 3] >= '0' &&
      key[key.size() - 3] <= '9') {
    key.resize(key.size() - 2);
  }
  return key;
}

ReferenceTable::ReferenceTable(ReferenceContents contents) : contents_(std::move(contents)) {
  auto claim = [this](KeyMap& keys, const std::string& kind, const std::string& key, Owner owner,
                      const std::string& owner_id, auto id_of) {
    if (key.empty()) return;
    auto [found, inserted] = keys.emplace(key, owner);
    if (inserted || found->second.index == owner.index) return;
    collisions_.push_back({kind, key, id_of(found->second.index), owner_id, owner.spelling});
  };

  const auto& makes = contents_.makes;
  model_keys_by_make_.resize(makes.size());
  models_of_make_.resize(makes.size());
  for (std::size_t i = 0; i < makes.size(); ++i) {
    const ReferenceMake& make = makes[i];
    make_ids_.emplace(make.id, i);
    auto id_of = [&](std::size_t index) { return makes[index].id; };
    claim(make_keys_, "make", reference_key(make.name), {i, MatchedBy::name, make.name}, make.id,
          id_of);
    claim(make_keys_, "make", reference_key(make.code), {i, MatchedBy::code, make.code}, make.id,
          id_of);
    for (const auto& alias : make.aliases)
      claim(make_keys_, "make", reference_key(alias), {i, MatchedBy::alias, alias}, make.id, id_of);
  }

  const auto& calibres = contents_.calibres;
  for (std::size_t i = 0; i < calibres.size(); ++i) {
    const ReferenceCalibre& calibre = calibres[i];
    calibre_ids_.emplace(calibre.id, i);
    auto id_of = [&](std::size_t index) { return calibres[index].id; };
    claim(calibre_keys_, "calibre", calibre_key(calibre.name), {i, MatchedBy::name, calibre.name},
          calibre.id, id_of);
    for (const auto& alias : calibre.aliases)
      claim(calibre_keys_, "calibre", calibre_key(alias), {i, MatchedBy::alias, alias}, calibre.id,
            id_of);
  }

  const auto& models = contents_.models;
  lookalikes_.resize(models.size());
  for (std::size_t i = 0; i < models.size(); ++i) {
    const ReferenceModel& model = models[i];
    model_ids_.emplace(model.id, i);
    auto make = make_ids_.find(model.make_id);
    if (make == make_ids_.end()) continue;  // the store's foreign key prevents this
    models_of_make_[make->second].push_back(i);
    auto id_of = [&](std::size_t index) { return models[index].id; };
    auto add = [&](const std::string& spelling, MatchedBy by) {
      const std::string key = reference_key(spelling);
      if (key.empty()) return;
      const std::size_t before = collisions_.size();
      claim(model_keys_by_make_[make->second], "model", key, {i, by, spelling}, model.id, id_of);
      if (collisions_.size() != before) return;
      auto& owners = model_keys_[key];
      if (owners.empty() || owners.back().index != i) owners.push_back({i, by, spelling});
    };
    add(model.name, MatchedBy::name);
    for (const auto& alias : model.aliases)
      add(alias, MatchedBy::alias);
  }
  for (auto& list : models_of_make_) {
    std::sort(list.begin(), list.end(),
              [&](std::size_t a, std::size_t b) { return models[a].name < models[b].name; });
  }
  for (const auto& pair : contents_.lookalikes) {
    auto a = model_ids_.find(pair.model_id);
    auto b = model_ids_.find(pair.other_model_id);
    if (a == model_ids_.end() || b == model_ids_.end()) continue;
    at_least(lookalikes_, a->second).push_back(b->second);
    at_least(lookalikes_, b->second).push_back(a->second);
  }
}

const ReferenceMake* ReferenceTable::make_by_id(const std::string& id) const {
  auto found = make_ids_.find(id);
  return found == make_ids_.end() ? nullptr : &contents_.makes[found->second];
}
const ReferenceModel* ReferenceTable::model_by_id(const std::string& id) const {
  auto found = model_ids_.find(id);
  return found == model_ids_.end() ? nullptr : &contents_.models[found->second];
}
const ReferenceCalibre* ReferenceTable::calibre_by_id(const std::string& id) const {
  auto found = calibre_ids_.find(id);
  return found == calibre_ids_.end() ? nullptr : &contents_.calibres[found->second];
}
std::optional<std::size_t> ReferenceTable::make_index(const std::string& id) const {
  auto found = make_ids_.find(id);
  if (found == make_ids_.end()) return std::nullopt;
  return found->second;
}
std::optional<std::size_t> ReferenceTable::model_index(const std::string& id) const {
  auto found = model_ids_.find(id);
  if (found == model_ids_.end()) return std::nullopt;
  return found->second;
}

std::optional<KeyMatch> ReferenceTable::find_make(std::string_view text) const {
  auto found = make_keys_.find(reference_key(text));
  if (found == make_keys_.end()) return std::nullopt;
  return KeyMatch{found->second.index, found->second.by, found->second.spelling};
}

std::optional<KeyMatch> ReferenceTable::find_calibre(std::string_view text) const {
  auto found = calibre_keys_.find(calibre_key(text));
  if (found == calibre_keys_.end()) return std::nullopt;
  return KeyMatch{found->second.index, found->second.by, found->second.spelling};
}

std::optional<KeyMatch> ReferenceTable::find_model(std::optional<std::size_t> make_index,
                                                   std::string_view text) const {
  const std::string key = reference_key(text);
  if (key.empty()) return std::nullopt;
  if (make_index) {
    if (*make_index >= model_keys_by_make_.size()) return std::nullopt;
    const KeyMap& keys = model_keys_by_make_[*make_index];
    auto found = keys.find(key);
    if (found == keys.end()) return std::nullopt;
    return KeyMatch{found->second.index, found->second.by, found->second.spelling};
  }
  auto found = model_keys_.find(key);
  if (found == model_keys_.end() || found->second.size() != 1) return std::nullopt;
  const Owner& owner = found->second.front();
  return KeyMatch{owner.index, owner.by, owner.spelling};
}

const std::vector<std::size_t>& ReferenceTable::models_of(std::size_t make_index) const {
  static const std::vector<std::size_t> kNone;
  return make_index < models_of_make_.size() ? models_of_make_[make_index] : kNone;
}

const std::vector<std::size_t>& ReferenceTable::lookalikes_of(std::size_t model_index) const {
  static const std::vector<std::size_t> kNone;
  return model_index < lookalikes_.size() ? lookalikes_[model_index] : kNone;
}

Identification ReferenceTable::normalise(std::string_view make, std::string_view model,
                                         std::string_view calibre) const {
  Identification identity;
  std::optional<std::size_t> make_index;
  if (auto found = find_make(make)) {
    make_index = found->index;
    identity.make = contents_.makes[found->index].name;
  }
  // A make that was typed but not recognised is not guessed from the model: the model name may
  // belong to a maker the table does not hold.
  if (make_index || trim(make).empty()) {
    if (auto found = find_model(make_index, model)) {
      const ReferenceModel& matched = contents_.models[found->index];
      identity.model = matched.name;
      if (!make_index) {
        if (const ReferenceMake* owner = make_by_id(matched.make_id)) identity.make = owner->name;
      }
    }
  }
  if (auto found = find_calibre(calibre)) identity.calibre = contents_.calibres[found->index].name;
  return identity;
}

}  // namespace concord::registry
