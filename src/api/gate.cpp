#include "api/gate.h"

#include "access/policy.h"
#include "core/text.h"
#include "http/error_response.h"

namespace concord::api {
namespace {

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Who is calling. A bad bearer token is an error (a machine client must learn at once); a stale
// session cookie is treated as anonymous, so public pages still work after expiry, and a
// protected route then answers 401 "sign in".
Result<access::Principal> authenticate(const http::Request& request, const Services& services) {
  const std::string authorization = request.header("authorization");
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization.starts_with(kBearer)) {
      return Error{ErrorCode::unauthenticated, "Authorization must be 'Bearer <token>'",
                   "Authorization"};
    }
    return services.identity.authenticate_token(
        std::string(trim(std::string_view(authorization).substr(kBearer.size()))));
  }
  const std::string session = cookie_value(request, kSessionCookie);
  if (!session.empty()) {
    auto principal = services.identity.authenticate_session(session);
    if (principal.ok()) {
      if (changes_state(request.method) &&
          !services.identity.csrf_matches(session, request.header(std::string(kCsrfHeader)))) {
        return Error{ErrorCode::permission_denied,
                     "a state-changing request made with a session cookie needs the X-CSRF-Token "
                     "header given at sign-in",
                     "X-CSRF-Token"};
      }
      return principal;
    }
  }
  return access::Principal::anonymous();
}

}  // namespace

std::string cookie_value(const http::Request& request, std::string_view name) {
  const std::string header = request.header("cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
  }
  return {};
}

void add_route(http::Router& router, const Services& services, std::string method,
               std::string pattern, std::string action, GuardedHandler handler) {
  router.add({method, pattern, action,
              [services, action, pattern, handler = std::move(handler)](http::Request& request) {
                auto principal = authenticate(request, services);
                if (!principal.ok()) return http::error_response(principal.error());
                principal->client_address = request.remote_address;
                principal->request_id = request.request_id;
                auto allowed = access::authorize(*principal, action);
                if (!allowed.ok()) {
                  if (!principal->is_anonymous()) {
                    // Refusals of signed-in callers are worth a trace; anonymous ones would let
                    // anyone flood the trail.
                    (void)services.audit.record(
                        services.db, *principal,
                        {action, "route", pattern, std::nullopt, access::Outcome::denied, "{}"});
                  }
                  return http::error_response(allowed.error());
                }
                return handler(request, *principal);
              }});
}

}  // namespace concord::api
