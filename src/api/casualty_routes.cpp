// The routes of casualty records (to be written).
#include "api/api.h"

namespace concord::api {

void add_casualty_routes(http::Router& router, const Services& services) {
  (void)router;
  (void)services;
}

}  // namespace concord::api
