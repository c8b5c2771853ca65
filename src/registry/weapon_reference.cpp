// normalise_identity: the cached snapshot of the reference table (weapon_reference_store.h), then
// pure key lookups (weapon_reference_table.h).
#include "registry/weapon_reference.h"

#include "registry/weapon_reference_store.h"
#include "registry/weapon_reference_table.h"

namespace concord::registry {

Result<Identification> normalise_identity(store::Transaction& transaction, std::string_view make,
                                          std::string_view model, std::string_view calibre) {
  CONCORD_ASSIGN_OR_RETURN(auto table, load_reference_table(transaction));
  return table->normalise(make, model, calibre);
}

}  // namespace concord::registry
