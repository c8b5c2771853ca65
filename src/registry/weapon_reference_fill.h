// Filling the weapon reference table from the synthetic generator's catalogue
// (registry/weapon_generator.h): its calibres with their usual other spellings, its invented makes
// with a code and, where it is unambiguous, their first word as an alias, their models, and a few
// look-alike pairs (models of one type and calibre from different makes). Only what is missing is
// added: entries already present, perhaps edited by an operator, are left as they are, so filling
// twice changes nothing. Pure apart from the id generator.
#pragma once

#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "registry/weapon_reference_table.h"

namespace concord::registry {

Result<void> add_generated_reference(ReferenceContents& contents, const ReferenceData& countries,
                                     IdGenerator& ids);

}  // namespace concord::registry
