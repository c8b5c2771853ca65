#include "api/api.h"

namespace concord::api {

void add_notification_routes(http::Router& /*router*/, const Services& /*services*/) {}

}  // namespace concord::api
