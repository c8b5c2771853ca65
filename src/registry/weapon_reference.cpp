#include "registry/weapon_reference.h"

namespace concord::registry {

// Placeholder until the reference table lands: recognises nothing.
Result<Identification> normalise_identity(store::Transaction& /*transaction*/,
                                          std::string_view /*make*/, std::string_view /*model*/,
                                          std::string_view /*calibre*/) {
  return Identification{};
}

}  // namespace concord::registry
