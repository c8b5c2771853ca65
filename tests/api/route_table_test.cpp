// The route table is the contract: every route declares an action the access policy knows, and
// is documented in docs/openapi.yaml.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "access/policy.h"
#include "api/route_list.h"

namespace concord::testing {
namespace {

TEST(RouteTable, EveryRouteDeclaresAnActionAndIsDocumented) {
  const auto routes = every_route();

  std::ifstream file(std::string(CONCORD_SOURCE_DIR) + "/docs/openapi.yaml");
  std::stringstream openapi;
  openapi << file.rdbuf();
  const std::string documented = openapi.str();
  ASSERT_FALSE(documented.empty());

  ASSERT_FALSE(routes.empty());
  for (const auto& route : routes) {
    EXPECT_FALSE(route.action.empty()) << route.method << " " << route.pattern;
    EXPECT_NE(access::find_action(route.action), nullptr)
        << route.method << " " << route.pattern << " declares the unknown action " << route.action;
    EXPECT_NE(documented.find("  " + route.pattern + ":\n"), std::string::npos)
        << route.pattern << " is not in docs/openapi.yaml";
  }
}

}  // namespace
}  // namespace concord::testing
