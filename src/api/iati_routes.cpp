// The routes of IATI 2.03 export and IATI import. The rules live in src/assistance/; this file only
// decodes and encodes.
#include "api/api.h"
#include "api/gate.h"

namespace concord::api {

void add_iati_routes(http::Router& router, const Services& services) {
  (void)router;
  (void)services;
}

}  // namespace concord::api
