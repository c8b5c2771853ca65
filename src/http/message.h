// Request and Response: the HTTP exchange as handlers see it, free of Beast types so that
// api/ code stays plain and testable.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace concord::http {

struct Request {
  std::string method;                              // "GET"
  std::string path;                                // "/api/v1/states/FR", percent-decoded
  std::map<std::string, std::string> query;        // decoded ?key=value pairs
  std::map<std::string, std::string> headers;      // names in lower case
  std::map<std::string, std::string> path_params;  // {alpha2} -> "FR", filled by the router
  std::string body;
  std::string remote_address;
  std::string request_id;  // also sent back as X-Request-Id

  // The header's value, or "" when absent. `name` in lower case.
  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

}  // namespace concord::http
