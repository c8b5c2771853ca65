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
// consistent. Matching ignores case, spacing and punctuation and follows aliases
// ("7.62 × 39" -> "7.62x39mm").
Result<Identification> normalise_identity(store::Transaction& transaction, std::string_view make,
                                          std::string_view model, std::string_view calibre);

}  // namespace concord::registry
