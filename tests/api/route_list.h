// The API's route table as data, for the tests that must cover every route.
#pragma once

#include <string>
#include <vector>

namespace concord::testing {

struct RouteInfo {
  std::string method;
  std::string pattern;
  std::string action;
};

// Every route build_router() registers, built over a throwaway SQLite database.
std::vector<RouteInfo> every_route();

}  // namespace concord::testing
