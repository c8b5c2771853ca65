// Router: the one explicit route table. Each route names its method, path pattern, the action
// it performs (what the access policy decides on) and its handler.
//
// Patterns are literal segments and whole-segment captures: "/api/v1/states/{alpha2}". Matching
// is exact, segment by segment (no trailing-slash or case folding). When several patterns match a
// path, the most specific wins: at the first segment where they differ, a literal beats a capture,
// so "/states/new" is preferred over "/states/{id}". Captures never match an empty segment.
//
// add() throws std::invalid_argument for a malformed pattern or a route that duplicates another
// (same method, same shape): both are programmer errors in the route table, found at startup.
// The router is immutable once the server starts, so match() needs no lock and is thread-safe.
#pragma once

#include <functional>
#include <map>
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

class Router {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    bool path_known = false;       // some route has this path; with route null: 405
    std::map<std::string, std::string> path_params;
    std::vector<std::string> allowed_methods;  // methods that have this path, sorted (for Allow)
  };
  // `path` is percent-decoded and split at '/'.
  Match match(const std::string& method, const std::string& path) const;
  // The same with the path already split into decoded segments ("/a/b" -> {"a", "b"}), so that
  // a captured value may contain an encoded slash. The server uses this one.
  Match match_segments(const std::string& method, const std::vector<std::string>& segments) const;

 private:
  struct Segment {
    std::string text;  // the literal, or the capture's name
    bool capture = false;
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> compiled_;  // parallel to routes_
};

}  // namespace concord::http
