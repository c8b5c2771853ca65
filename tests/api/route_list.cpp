#include "api/route_list.h"

#include "api/api.h"
#include "core/clock.h"
#include "core/id.h"
#include "support/test_database.h"

namespace concord::testing {

std::vector<RouteInfo> every_route() {
  auto db = open_fresh_database(store::Backend::sqlite);
  auto reference = ReferenceData::load("/usr/share/iso-codes/json");
  if (!reference.ok()) return {};
  SystemClock clock;
  IdGenerator ids(clock);
  access::AuditTrail audit(clock);
  access::IdentityService identity(*db, **reference, clock, ids, audit);
  directory::DirectoryService directory(*db, **reference, clock, ids, audit);
  http::Metrics metrics;
  search::MarkingIndex index;
  search::MarkingSearch markings(index);
  const http::Router router =
      api::build_router({*db, metrics, audit, identity, directory, markings});
  std::vector<RouteInfo> routes;
  for (const auto& route : router.routes()) {
    routes.push_back({route.method, route.pattern, route.action});
  }
  return routes;
}

}  // namespace concord::testing
