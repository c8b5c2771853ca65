// The routes of national plans, obligations, needs, progress reports and regions. The rules live in
// src/assistance/; this file only decodes and encodes.
#include "api/api.h"
#include "api/gate.h"

namespace concord::api {

void add_plan_routes(http::Router& router, const Services& services) {
  (void)router;
  (void)services;
}

}  // namespace concord::api
