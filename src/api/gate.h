// The gate every route passes: authenticate the caller (session cookie or API token), check the
// CSRF token on state-changing requests made with a cookie, ask the access policy about the
// route's action, and only then run the handler with the caller's Principal.
#pragma once

#include <functional>
#include <string>

#include "access/principal.h"
#include "api/api.h"

namespace concord::api {

// The session cookie's name, and the header that carries the CSRF token.
inline constexpr std::string_view kSessionCookie = "concord_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

using GuardedHandler = std::function<http::Response(http::Request&, const access::Principal&)>;

// Adds a route that runs `handler` only once the gate lets the caller through for `action`.
// `services` is copied (it holds only references), so a temporary may be passed.
void add_route(http::Router& router, const Services& services, std::string method,
               std::string pattern, std::string action, GuardedHandler handler);

// The value of cookie `name` in the request's Cookie header, or "".
std::string cookie_value(const http::Request& request, std::string_view name);

}  // namespace concord::api
