#include "api/api.h"

namespace concord::api {

http::Router build_router(const Services& services) {
  http::Router router;
  add_health_routes(router, services);
  add_directory_routes(router, services);
  return router;
}

}  // namespace concord::api
