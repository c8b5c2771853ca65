// The route table is the contract: every route declares an action the access policy knows, and
// is documented in docs/openapi.yaml.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "access/policy.h"
#include "api/api.h"
#include "core/clock.h"
#include "core/id.h"
#include "support/test_database.h"

namespace concord::testing {
namespace {

TEST(RouteTable, EveryRouteDeclaresAnActionAndIsDocumented) {
  auto db = open_fresh_database(store::Backend::sqlite);
  auto reference = ReferenceData::load("/usr/share/iso-codes/json");
  ASSERT_TRUE(reference.ok());
  SystemClock clock;
  IdGenerator ids(clock);
  access::AuditTrail audit(clock);
  access::IdentityService identity(*db, **reference, clock, ids, audit);
  directory::DirectoryService directory(*db, **reference, clock, ids, audit);
  http::Metrics metrics;
  const http::Router router = api::build_router({*db, metrics, audit, identity, directory});

  std::ifstream file(std::string(CONCORD_SOURCE_DIR) + "/docs/openapi.yaml");
  std::stringstream openapi;
  openapi << file.rdbuf();
  const std::string documented = openapi.str();
  ASSERT_FALSE(documented.empty());

  ASSERT_FALSE(router.routes().empty());
  for (const auto& route : router.routes()) {
    EXPECT_FALSE(route.action.empty()) << route.method << " " << route.pattern;
    EXPECT_NE(access::find_action(route.action), nullptr)
        << route.method << " " << route.pattern << " declares the unknown action " << route.action;
    EXPECT_NE(documented.find("  " + route.pattern + ":\n"), std::string::npos)
        << route.pattern << " is not in docs/openapi.yaml";
  }
}

}  // namespace
}  // namespace concord::testing
