// The routes of donors' offers. The rules live in src/assistance/; this file only decodes and
// encodes.
#include "api/api.h"
#include "api/gate.h"

namespace concord::api {

void add_offer_routes(http::Router& router, const Services& services) {
  (void)router;
  (void)services;
}

}  // namespace concord::api
