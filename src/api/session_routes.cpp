// Sign-in, sign-out, "who am I" and second-factor enrolment.
#include <algorithm>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

struct SignIn {
  std::string username;
  std::string password;
  std::optional<std::string> totp_code;
};

Result<SignIn> decode_sign_in(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  SignIn input;
  CONCORD_ASSIGN_OR_RETURN(input.username, reader.required_string("username", 1, 64));
  CONCORD_ASSIGN_OR_RETURN(input.password, reader.required_string("password", 1, 256));
  CONCORD_ASSIGN_OR_RETURN(input.totp_code, reader.optional_string("totp_code", 1, 10));
  CONCORD_TRY(reader.finish());
  return input;
}

// HttpOnly keeps the token from scripts; SameSite=Strict keeps other sites from sending it. No
// Max-Age: the browser forgets it when closed, and the server enforces idle and absolute expiry.
std::string session_cookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

// Tells the browser to drop the cookie.
std::string expired_session_cookie() {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
}

}  // namespace

void add_session_routes(http::Router& router, const Services& services) {
  auto& identity = services.identity;
  using access::Principal;

  add_route(
      router, services, "POST", "/api/v1/session", "session.sign_in",
      [&identity, secure = services.secure_cookies](http::Request& request, const Principal&) {
        auto input = decode_sign_in(request.body);
        if (!input.ok()) return http::error_response(input.error());
        auto grant = identity.sign_in(input->username, input->password, input->totp_code,
                                      request.remote_address, request.request_id);
        if (!grant.ok()) {
          if (grant.error().code == ErrorCode::unavailable) {
            // Throttled: 429 tells clients to wait rather than that the service is down.
            auto response = http::error_response(429, "too_many_requests", grant.error().message);
            response.headers.emplace_back("Retry-After", "60");
            return response;
          }
          return http::error_response(grant.error());
        }
        auto response = http::json_response(
            200, {{"user", principal_json(grant->principal)},
                  {"csrf_token", grant->csrf_token},
                  {"expires_at", grant->expires_at},
                  {"second_factor_required",
                   !grant->principal.second_factor &&
                       std::any_of(grant->principal.roles.begin(), grant->principal.roles.end(),
                                   access::reads_confidential_records)}});
        response.headers.emplace_back("Set-Cookie", session_cookie(grant->token, secure));
        return response;
      });

  add_route(router, services, "GET", "/api/v1/session", "session.read",
            [](http::Request&, const Principal& caller) {
              return http::json_response(200, {{"user", principal_json(caller)}});
            });

  add_route(router, services, "DELETE", "/api/v1/session", "session.sign_out",
            [&identity](http::Request& request, const Principal&) {
              auto signed_out = identity.sign_out(cookie_value(request, kSessionCookie));
              if (!signed_out.ok()) return http::error_response(signed_out.error());
              http::Response response;
              response.status = 204;
              response.content_type.clear();
              response.headers.emplace_back("Set-Cookie", expired_session_cookie());
              return response;
            });

  add_route(router, services, "POST", "/api/v1/session/totp", "session.totp_enrol",
            [&identity](http::Request&, const Principal& caller) {
              return http::respond(identity.begin_totp_enrolment(caller), 200,
                                   [](const access::TotpEnrolment& enrolment) {
                                     return json{{"secret", enrolment.secret_base32},
                                                 {"otpauth_uri", enrolment.otpauth_uri}};
                                   });
            });

  add_route(router, services, "POST", "/api/v1/session/totp/confirm", "session.totp_enrol",
            [&identity](http::Request& request, const Principal& caller) {
              auto object = http::parse_json_object(request.body);
              if (!object.ok()) return http::error_response(object.error());
              http::ObjectReader reader(*object);
              auto code = reader.required_string("code", 1, 10);
              if (!code.ok()) return http::error_response(code.error());
              if (auto finished = reader.finish(); !finished.ok()) {
                return http::error_response(finished.error());
              }
              auto confirmed = identity.confirm_totp_enrolment(caller, *code);
              if (!confirmed.ok()) return http::error_response(confirmed.error());
              return http::json_response(200, {{"totp_enabled", true}});
            });
}

}  // namespace concord::api
