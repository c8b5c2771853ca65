// The routes of hazard records (to be written).
#include "api/api.h"

namespace concord::api {

void add_hazard_routes(http::Router& router, const Services& services) {
  (void)router;
  (void)services;
}

}  // namespace concord::api
