// ReferenceTable: one immutable snapshot of the weapon reference table (makes, models, calibres,
// look-alike pairs) with its lookup indexes, and the folding that matching uses. Pure: no store,
// no clock. Immutable after construction, so one snapshot may be shared by any number of threads.
//
// Matching folds a text to a key: lower case, letters and digits only (spaces and punctuation
// dropped), the multiplication sign × read as x. Calibre keys also drop a trailing "mm" after a
// digit, so "7.62x39mm", "7.62 × 39", "7,62x39" and "7.62X39" are one key. Names, codes and aliases
// share one key space per kind (models: per make), and the store keeps every key to one owner.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "registry/weapon_reference.h"

namespace concord::registry {

// The matching key of a make, model or weapon type; "" when nothing is left.
std::string reference_key(std::string_view text);
// The matching key of a calibre (reference_key without a trailing "mm" after a digit).
std::string calibre_key(std::string_view text);

struct ReferenceMake {
  std::string id;  // ULID, stable across export and import
  std::string name;
  std::string code;     // short code ("KC"); "" when none
  std::string country;  // ISO 3166-1 alpha-2; "" when unknown
  std::vector<std::string> aliases;
  std::string created_at;
  std::string updated_at;
  bool operator==(const ReferenceMake&) const = default;
};

struct ReferenceCalibre {
  std::string id;
  std::string name;  // canonical spelling: "7.62x39mm"
  std::vector<std::string> aliases;
  std::string created_at;
  std::string updated_at;
  bool operator==(const ReferenceCalibre&) const = default;
};

struct ReferenceModel {
  std::string id;
  std::string make_id;
  std::string name;
  std::string weapon_type;  // "" when unknown
  std::string calibre_id;   // the default calibre; "" when none
  std::vector<std::string> aliases;
  std::string created_at;
  std::string updated_at;
  bool operator==(const ReferenceModel&) const = default;
};

// Two models often confused with each other; model_id < other_model_id.
struct ReferenceLookalike {
  std::string model_id;
  std::string other_model_id;
  bool operator==(const ReferenceLookalike&) const = default;
};

struct ReferenceContents {
  std::vector<ReferenceMake> makes;
  std::vector<ReferenceCalibre> calibres;
  std::vector<ReferenceModel> models;
  std::vector<ReferenceLookalike> lookalikes;
};

enum class MatchedBy { name, code, alias };
std::string_view to_string(MatchedBy by);

// What a text was recognised as: the index of the entry in its vector and which of its
// spellings matched.
struct KeyMatch {
  std::size_t index = 0;
  MatchedBy by = MatchedBy::name;
  std::string spelling;  // the stored name, code or alias that matched
};

// Two entries of one kind that share a key (which the store refuses).
struct KeyCollision {
  std::string kind;  // "make", "model" or "calibre"
  std::string key;
  std::string first_id;
  std::string second_id;
  std::string spelling;  // the second entry's spelling that collides
};

class ReferenceTable {
 public:
  ReferenceTable() = default;
  // Builds the indexes. On a key shared by two entries the first keeps it (see collisions()).
  explicit ReferenceTable(ReferenceContents contents);

  const ReferenceContents& contents() const { return contents_; }
  bool empty() const { return contents_.makes.empty() && contents_.calibres.empty(); }

  const ReferenceMake* make_by_id(const std::string& id) const;
  const ReferenceModel* model_by_id(const std::string& id) const;
  const ReferenceCalibre* calibre_by_id(const std::string& id) const;
  std::optional<std::size_t> make_index(const std::string& id) const;
  std::optional<std::size_t> model_index(const std::string& id) const;

  // Exact recognition through the key of a name, code (makes) or alias.
  std::optional<KeyMatch> find_make(std::string_view text) const;
  std::optional<KeyMatch> find_calibre(std::string_view text) const;
  // Within the make at `make_index`, or (without one) across all makes when exactly one model
  // has that key.
  std::optional<KeyMatch> find_model(std::optional<std::size_t> make_index,
                                     std::string_view text) const;

  // Indexes of the models of a make, in name order, and of a model's look-alikes.
  const std::vector<std::size_t>& models_of(std::size_t make_index) const;
  const std::vector<std::size_t>& lookalikes_of(std::size_t model_index) const;

  // Canonical names for what was typed; see normalise_identity(). A model is looked for within
  // the recognised make; with no make given, a model unique in the whole table names its make too.
  Identification normalise(std::string_view make, std::string_view model,
                           std::string_view calibre) const;

  // Every key held by more than one entry, in contents order.
  const std::vector<KeyCollision>& collisions() const { return collisions_; }

 private:
  struct Owner {
    std::size_t index;
    MatchedBy by;
    std::string spelling;
  };
  using KeyMap = std::unordered_map<std::string, Owner>;

  ReferenceContents contents_;
  KeyMap make_keys_;
  KeyMap calibre_keys_;
  std::vector<KeyMap> model_keys_by_make_;  // per make index
  // Model key -> the models holding it across makes (for a model given without its make).
  std::unordered_map<std::string, std::vector<Owner>> model_keys_;
  std::unordered_map<std::string, std::size_t> make_ids_, model_ids_, calibre_ids_;
  std::vector<std::vector<std::size_t>> models_of_make_;
  std::vector<std::vector<std::size_t>> lookalikes_;
  std::vector<KeyCollision> collisions_;
};

}  // namespace concord::registry
