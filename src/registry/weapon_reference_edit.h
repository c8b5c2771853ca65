// Editing a copy of the reference table in memory: validating one make, calibre, model or
// look-alike pair as an operator gave it (through the API, a CSV row or the generator) and
// creating or updating its entry. The service then checks the whole for key collisions and writes
// the difference (weapon_reference_store.h). Pure apart from the id generator; errors are
// invalid_argument naming the field ("name", "code", "country", "aliases", "make", "weapon_type",
// "calibre", "id", "other_make", "other_model"), or already_exists naming "name".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "registry/weapon_reference_table.h"

namespace concord::registry {

struct MakeInput {
  std::string id;  // "" to find the make by name, or make one
  std::string name;
  std::string code;
  std::string country;
  std::vector<std::string> aliases;
};

struct CalibreInput {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
};

struct ModelInput {
  std::string id;
  std::string make;  // the make's id, name, code or alias
  std::string name;
  std::string weapon_type;
  std::string calibre;  // the default calibre's id, name or alias; "" for none
  std::vector<std::string> aliases;
};

struct LookalikeInput {
  std::string make;
  std::string model;
  std::string other_make;
  std::string other_model;
};

enum class EditMode {
  create,       // a new entry; already_exists when the name (or id) is taken
  upsert,       // create, or replace the entry with that id or name
  add_missing,  // create when absent; leave an existing entry as it is
};

// Each applies one input to `contents` and returns the entry's id. `table` is a snapshot of
// `contents` taken before the call, for resolving the names of makes and calibres (models need
// their make and calibre to exist already).
Result<std::string> edit_make(ReferenceContents& contents, const MakeInput& input,
                              const ReferenceData& countries, IdGenerator& ids, EditMode mode);
Result<std::string> edit_calibre(ReferenceContents& contents, const CalibreInput& input,
                                 IdGenerator& ids, EditMode mode);
Result<std::string> edit_model(ReferenceContents& contents, const ReferenceTable& table,
                               const ModelInput& input, IdGenerator& ids, EditMode mode);
// Adds the pair when absent (makes and models resolved through `table`).
Result<void> add_lookalike(ReferenceContents& contents, const ReferenceTable& table,
                           const LookalikeInput& input);
Result<void> add_lookalike_ids(ReferenceContents& contents, const std::string& model_id,
                               const std::string& other_model_id);

// The first key shared by two entries of `after`, as an error naming the field ("name", "code" or
// "aliases") of the spelling that collides in the entry that differs from `before` (so the error
// points at the edit, not at what was already stored), with that entry's id.
struct CollisionError {
  Error error;
  std::string entry_id;
};
std::optional<CollisionError> first_collision(const ReferenceContents& before,
                                              const ReferenceContents& after);

}  // namespace concord::registry
