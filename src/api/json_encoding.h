// JSON encodings shared by the routes of several areas, and query-parameter readers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/audit_trail.h"
#include "access/identity_service.h"
#include "access/principal.h"
#include "core/result.h"
#include "http/message.h"

namespace concord::api {

using json = nlohmann::ordered_json;

json optional_json(const std::optional<std::string>& value);
json user_json(const access::User& user);
json principal_json(const access::Principal& principal);

// ?limit= as a whole number in [1, max]; absent gives `fallback`. Errors name "limit".
Result<int> limit_parameter(const http::Request& request, int fallback, int max = 1000);
// ?name= or nullopt when absent.
std::optional<std::string> query_parameter(const http::Request& request, const std::string& name);

}  // namespace concord::api
