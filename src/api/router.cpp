#include "api/api.h"

namespace concord::api {

http::Router build_router(const Services& services) {
  http::Router router;
  add_health_routes(router, services);
  add_session_routes(router, services);
  add_user_routes(router, services);
  add_audit_routes(router, services);
  add_directory_routes(router, services);
  add_search_routes(router, services);
  add_record_routes(router, services);
  add_reference_routes(router, services);
  add_marking_system_routes(router, services);
  add_hit_routes(router, services);
  add_tracing_routes(router, services);
  add_notification_routes(router, services);
  add_plan_routes(router, services);
  add_offer_routes(router, services);
  add_match_routes(router, services);
  add_funding_routes(router, services);
  add_iati_routes(router, services);
  add_stockpile_routes(router, services);
  add_hazard_routes(router, services);
  add_casualty_routes(router, services);
  add_profile_routes(router, services);
  return router;
}

}  // namespace concord::api
