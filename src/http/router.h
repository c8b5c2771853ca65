// Router: the one explicit route table. Each route names its method, path pattern, the action
// it performs (what the access policy decides on) and its handler.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace concord::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // "/api/v1/states/{alpha2}": literal segments and {name} captures
  std::string action;   // "states.read": the action the access policy is asked about
  Handler handler;
};

// Immutable once the server starts, so lookups need no lock.
class Router {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    bool path_known = false;       // a route has this path but another method (405)
    std::map<std::string, std::string> path_params;
  };
  Match match(const std::string& method, const std::string& path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace concord::http
