// The weapon reference table, in the manner of the INTERPOL Firearms Reference Table: makes with
// aliases and codes, models, calibres with aliases, and look-alike models; normalising what an
// officer typed, and suggesting an identification from a partial description.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace concord::registry {

// Canonical names; each is "" when the reference table does not recognise that part.
struct Identification {
  std::string make;
  std::string model;
  std::string calibre;
};

// Reads the reference table inside `transaction`, so a record and its normalised identity are
// consistent. Matching ignores case, spacing and punctuation and follows aliases and make codes
// ("7.62 × 39" -> "7.62x39mm"). A model is looked for within the recognised make; when no make is
// given, a model name unique in the whole table names its make too. Each call costs one small
// query (the table's stamp); the table itself is read again only after it changed (see
// weapon_reference_store.h). For many records in one transaction, load_reference_table() once and
// call ReferenceTable::normalise() for each.
Result<Identification> normalise_identity(store::Transaction& transaction, std::string_view make,
                                          std::string_view model, std::string_view calibre);

}  // namespace concord::registry
