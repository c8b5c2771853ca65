// Reference edits: field rules first, then find the entry (by id, else by name key), then create,
// replace or leave it as the mode says.
#include "registry/weapon_reference_edit.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/text.h"

namespace concord::registry {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxCode = 16;
constexpr std::size_t kMaxAliases = 50;

Result<std::string> checked_text(const std::string& field, std::string_view raw,
                                 std::size_t max_length, bool required,
                                 const std::string& what = {}) {
  const std::string text(trim(raw));
  const std::string label = what.empty() ? field : what;
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(field, label + " is not valid UTF-8");
  if (has_control_characters(text) || text.find_first_of("\t\r\n") != std::string::npos)
    return Error::invalid(field, label + " contains control characters or line breaks");
  if (*length > max_length) {
    return Error::invalid(field,
                          label + " must be at most " + std::to_string(max_length) + " characters");
  }
  if (text.empty()) {
    if (required) return Error::invalid(field, label + " is required");
    return text;
  }
  if (reference_key(text).empty())
    return Error::invalid(field, label + " '" + text + "' has no letter or digit");
  return text;
}

Result<std::vector<std::string>> checked_aliases(const std::vector<std::string>& raw) {
  if (raw.size() > kMaxAliases) {
    return Error::invalid("aliases",
                          "at most " + std::to_string(kMaxAliases) + " aliases per entry");
  }
  std::vector<std::string> aliases;
  std::set<std::string> seen;
  for (const auto& alias : raw) {
    CONCORD_ASSIGN_OR_RETURN(std::string text,
                             checked_text("aliases", alias, kMaxName, true, "an alias"));
    if (text.find('|') != std::string::npos)
      return Error::invalid("aliases",
                            "an alias may not contain '|' (it separates aliases in CSV)");
    if (seen.insert(text).second) aliases.push_back(std::move(text));
  }
  return aliases;
}

Result<std::string> checked_id(const std::string& id) {
  if (id.empty() || is_valid_id(id)) return id;
  return Error::invalid("id", "id '" + id + "' is not a Concord id (26 characters, such as " +
                                  "01HZX3J5Q8M2N4P6R8T0V2W4Y6)");
}

// The entry with `id`, else (with an empty id) the one `same_name` picks; nullptr when none.
template <typename Entry, typename SameName>
Entry* find_entry(std::vector<Entry>& entries, const std::string& id, SameName&& same_name) {
  for (Entry& entry : entries) {
    if (id.empty() ? same_name(entry) : entry.id == id) return &entry;
  }
  return nullptr;
}

Error taken(const std::string& what, const std::string& name) {
  return {ErrorCode::already_exists,
          "a " + what + " named '" + name + "' is already in the reference table", "name"};
}

// Creates or replaces per `mode`; `fill` sets the entry's content fields.
template <typename Entry, typename Fill>
Result<std::string> apply(std::vector<Entry>& entries, Entry* existing, const std::string& id,
                          const std::string& what, const std::string& name, IdGenerator& ids,
                          EditMode mode, Fill&& fill) {
  if (existing != nullptr) {
    if (mode == EditMode::create) return taken(what, name);
    if (mode == EditMode::upsert) fill(*existing);
    return existing->id;
  }
  Entry entry;
  entry.id = id.empty() ? ids.next() : id;
  fill(entry);
  entries.push_back(std::move(entry));
  return entries.back().id;
}

}  // namespace

Result<std::string> edit_make(ReferenceContents& contents, const MakeInput& input,
                              const ReferenceData& countries, IdGenerator& ids, EditMode mode) {
  CONCORD_ASSIGN_OR_RETURN(const std::string id, checked_id(input.id));
  CONCORD_ASSIGN_OR_RETURN(const std::string name,
                           checked_text("name", input.name, kMaxName, true));
  CONCORD_ASSIGN_OR_RETURN(const std::string code,
                           checked_text("code", input.code, kMaxCode, false));
  std::string country(trim(input.country));
  for (char& c : country)
    c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  if (!country.empty() && countries.country(country) == nullptr) {
    return Error::invalid(
        "country",
        "country must be an ISO 3166-1 alpha-2 code such as RU, got '" + input.country + "'");
  }
  CONCORD_ASSIGN_OR_RETURN(auto aliases, checked_aliases(input.aliases));
  const std::string key = reference_key(name);
  ReferenceMake* existing = find_entry(contents.makes, id, [&](const ReferenceMake& make) {
    return reference_key(make.name) == key;
  });
  return apply(contents.makes, existing, id, "make", name, ids, mode, [&](ReferenceMake& make) {
    make.name = name;
    make.code = code;
    make.country = country;
    make.aliases = aliases;
  });
}

Result<std::string> edit_calibre(ReferenceContents& contents, const CalibreInput& input,
                                 IdGenerator& ids, EditMode mode) {
  CONCORD_ASSIGN_OR_RETURN(const std::string id, checked_id(input.id));
  CONCORD_ASSIGN_OR_RETURN(const std::string name,
                           checked_text("name", input.name, kMaxName, true));
  CONCORD_ASSIGN_OR_RETURN(auto aliases, checked_aliases(input.aliases));
  const std::string key = calibre_key(name);
  ReferenceCalibre* existing =
      find_entry(contents.calibres, id,
                 [&](const ReferenceCalibre& calibre) { return calibre_key(calibre.name) == key; });
  return apply(contents.calibres, existing, id, "calibre", name, ids, mode,
               [&](ReferenceCalibre& calibre) {
                 calibre.name = name;
                 calibre.aliases = aliases;
               });
}

Result<std::string> edit_model(ReferenceContents& contents, const ReferenceTable& table,
                               const ModelInput& input, IdGenerator& ids, EditMode mode) {
  CONCORD_ASSIGN_OR_RETURN(const std::string id, checked_id(input.id));
  const std::string make_text(trim(input.make));
  if (make_text.empty()) return Error::invalid("make", "make is required");
  const ReferenceMake* make = table.make_by_id(make_text);
  if (make == nullptr) {
    if (auto found = table.find_make(make_text)) make = &table.contents().makes[found->index];
  }
  if (make == nullptr)
    return Error::invalid("make", "no make '" + make_text + "' in the reference table");
  CONCORD_ASSIGN_OR_RETURN(const std::string name,
                           checked_text("name", input.name, kMaxName, true));
  CONCORD_ASSIGN_OR_RETURN(const std::string weapon_type,
                           checked_text("weapon_type", input.weapon_type, 100, false));
  std::string calibre_id;
  const std::string calibre_text(trim(input.calibre));
  if (!calibre_text.empty()) {
    const ReferenceCalibre* calibre = table.calibre_by_id(calibre_text);
    if (calibre == nullptr) {
      if (auto found = table.find_calibre(calibre_text))
        calibre = &table.contents().calibres[found->index];
    }
    if (calibre == nullptr) {
      return Error::invalid("calibre", "no calibre '" + calibre_text +
                                           "' in the reference table: add the calibre first");
    }
    calibre_id = calibre->id;
  }
  CONCORD_ASSIGN_OR_RETURN(auto aliases, checked_aliases(input.aliases));
  const std::string key = reference_key(name);
  const std::string make_id = make->id;
  ReferenceModel* existing = find_entry(contents.models, id, [&](const ReferenceModel& model) {
    return model.make_id == make_id && reference_key(model.name) == key;
  });
  return apply(contents.models, existing, id, "model of " + make->name, name, ids, mode,
               [&](ReferenceModel& model) {
                 model.make_id = make_id;
                 model.name = name;
                 model.weapon_type = weapon_type;
                 model.calibre_id = calibre_id;
                 model.aliases = aliases;
               });
}

Result<void> add_lookalike_ids(ReferenceContents& contents, const std::string& model_id,
                               const std::string& other_model_id) {
  if (model_id == other_model_id)
    return Error::invalid("other_model", "a model is not a look-alike of itself");
  ReferenceLookalike pair{std::min(model_id, other_model_id), std::max(model_id, other_model_id)};
  if (std::find(contents.lookalikes.begin(), contents.lookalikes.end(), pair) ==
      contents.lookalikes.end()) {
    contents.lookalikes.push_back(std::move(pair));
  }
  return {};
}

Result<void> add_lookalike(ReferenceContents& contents, const ReferenceTable& table,
                           const LookalikeInput& input) {
  auto resolve = [&](const std::string& make_field, const std::string& make_text,
                     const std::string& model_field,
                     const std::string& model_text) -> Result<std::string> {
    if (trim(make_text).empty()) return Error::invalid(make_field, make_field + " is required");
    if (trim(model_text).empty()) return Error::invalid(model_field, model_field + " is required");
    auto make = table.find_make(make_text);
    if (!make) {
      return Error::invalid(
          make_field, "no make '" + std::string(trim(make_text)) + "' in the reference table");
    }
    auto model = table.find_model(make->index, model_text);
    if (!model) {
      return Error::invalid(model_field, "no model '" + std::string(trim(model_text)) + "' of " +
                                             table.contents().makes[make->index].name);
    }
    return table.contents().models[model->index].id;
  };
  CONCORD_ASSIGN_OR_RETURN(const std::string first,
                           resolve("make", input.make, "name", input.model));
  CONCORD_ASSIGN_OR_RETURN(const std::string second, resolve("other_make", input.other_make,
                                                             "other_model", input.other_model));
  return add_lookalike_ids(contents, first, second);
}

std::optional<CollisionError> first_collision(const ReferenceContents& before,
                                              const ReferenceContents& after) {
  const ReferenceTable table(after);
  if (table.collisions().empty()) return std::nullopt;
  std::set<std::string> unchanged;
  for (const auto& make : before.makes) {
    const auto* now = table.make_by_id(make.id);
    if (now != nullptr && *now == make) unchanged.insert(make.id);
  }
  for (const auto& calibre : before.calibres) {
    const auto* now = table.calibre_by_id(calibre.id);
    if (now != nullptr && *now == calibre) unchanged.insert(calibre.id);
  }
  for (const auto& model : before.models) {
    const auto* now = table.model_by_id(model.id);
    if (now != nullptr && *now == model) unchanged.insert(model.id);
  }
  const KeyCollision& collision = table.collisions().front();
  // Point at the side that changed: the second holder unless only the first did.
  const bool first_changed = !unchanged.contains(collision.first_id);
  const bool second_changed = !unchanged.contains(collision.second_id);
  const bool blame_first = first_changed && !second_changed;
  const std::string blamed = blame_first ? collision.first_id : collision.second_id;
  const std::string other_id = blame_first ? collision.second_id : collision.first_id;

  struct Spellings {
    std::string description;
    std::string name;
    std::string code;
    std::vector<std::string> aliases;
  };
  auto spellings_of = [&](const std::string& id) -> Spellings {
    if (const auto* make = table.make_by_id(id))
      return {"make " + make->name, make->name, make->code, make->aliases};
    if (const auto* calibre = table.calibre_by_id(id))
      return {"calibre " + calibre->name, calibre->name, "", calibre->aliases};
    if (const auto* model = table.model_by_id(id)) {
      const auto* make = table.make_by_id(model->make_id);
      return {"model " + (make != nullptr ? make->name + " " : std::string()) + model->name,
              model->name, "", model->aliases};
    }
    return {"entry " + id, "", "", {}};
  };
  const Spellings mine = spellings_of(blamed);
  const Spellings theirs = spellings_of(other_id);
  const auto key_of = [&](const std::string& text) {
    return collision.kind == "calibre" ? calibre_key(text) : reference_key(text);
  };
  // The blamed entry's colliding spelling: its name, its code, or one of its aliases.
  std::string field = "aliases";
  std::string spelling = collision.spelling;
  if (key_of(mine.name) == collision.key) {
    field = "name";
    spelling = mine.name;
  } else if (!mine.code.empty() && key_of(mine.code) == collision.key) {
    field = "code";
    spelling = mine.code;
  } else {
    for (const auto& alias : mine.aliases) {
      if (key_of(alias) == collision.key) spelling = alias;
    }
  }
  const std::string& other = theirs.description;
  return CollisionError{
      Error::invalid(field, "'" + spelling + "' is already a name, code or alias of " + other +
                                " (they must differ ignoring case, spaces and punctuation)"),
      blamed};
}

}  // namespace concord::registry
