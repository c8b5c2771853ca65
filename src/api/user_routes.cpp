// Operator tools over the API: users and API tokens.
#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

// Reads an array of strings under `key`; errors name "key[i]".
Result<std::vector<std::string>> string_array(http::ObjectReader& reader, const std::string& key,
                                              bool required) {
  CONCORD_ASSIGN_OR_RETURN(auto value, reader.optional_value(key));
  std::vector<std::string> out;
  if (!value) {
    if (required) return Error::invalid(key, key + " is required");
    return out;
  }
  if (!value->is_array()) return Error::invalid(key, key + " must be an array of strings");
  for (size_t i = 0; i < value->size(); ++i) {
    const auto& item = (*value)[i];
    const std::string field = key + "[" + std::to_string(i) + "]";
    if (!item.is_string()) return Error::invalid(field, field + " must be a string");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<access::NewUser> decode_new_user(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  access::NewUser input;
  CONCORD_ASSIGN_OR_RETURN(input.username, reader.required_string("username", 1, 64));
  CONCORD_ASSIGN_OR_RETURN(auto display_name, reader.optional_string("display_name", 1, 200));
  input.display_name = display_name.value_or(input.username);
  CONCORD_ASSIGN_OR_RETURN(input.state, reader.optional_string("state", 1, 10));
  CONCORD_ASSIGN_OR_RETURN(input.organisation_id, reader.optional_string("organisation_id", 1, 64));
  CONCORD_ASSIGN_OR_RETURN(input.roles, string_array(reader, "roles", true));
  CONCORD_ASSIGN_OR_RETURN(input.password, reader.required_string("password", 1, 256));
  CONCORD_TRY(reader.finish());
  return input;
}

}  // namespace

void add_user_routes(http::Router& router, const Services& services) {
  auto& identity = services.identity;
  using access::Principal;

  add_route(router, services, "GET", "/api/v1/users", "users.read",
            [&identity](http::Request&, const Principal&) {
              return http::respond(identity.list_users(), 200, [](const auto& users) {
                json list = json::array();
                for (const auto& user : users)
                  list.push_back(user_json(user));
                return json{{"users", list}};
              });
            });

  add_route(router, services, "POST", "/api/v1/users", "users.create",
            [&identity](http::Request& request, const Principal& caller) {
              auto input = decode_new_user(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(identity.create_user(caller, *input), 201, user_json);
            });

  add_route(router, services, "POST", "/api/v1/users/{id}/disable", "users.disable",
            [&identity](http::Request& request, const Principal& caller) {
              return http::respond(identity.disable_user(caller, request.path_params.at("id")), 200,
                                   user_json);
            });

  add_route(router, services, "PUT", "/api/v1/users/{id}/roles", "users.set_roles",
            [&identity](http::Request& request, const Principal& caller) {
              auto object = http::parse_json_object(request.body);
              if (!object.ok()) return http::error_response(object.error());
              http::ObjectReader reader(*object);
              auto roles = string_array(reader, "roles", true);
              if (!roles.ok()) return http::error_response(roles.error());
              if (auto finished = reader.finish(); !finished.ok()) {
                return http::error_response(finished.error());
              }
              return http::respond(identity.set_roles(caller, request.path_params.at("id"), *roles),
                                   200, user_json);
            });

  add_route(router, services, "POST", "/api/v1/users/{id}/password", "users.reset_password",
            [&identity](http::Request& request, const Principal& caller) {
              auto object = http::parse_json_object(request.body);
              if (!object.ok()) return http::error_response(object.error());
              http::ObjectReader reader(*object);
              auto password = reader.required_string("password", 1, 256);
              if (!password.ok()) return http::error_response(password.error());
              if (auto finished = reader.finish(); !finished.ok()) {
                return http::error_response(finished.error());
              }
              auto reset = identity.reset_password(caller, request.path_params.at("id"), *password);
              if (!reset.ok()) return http::error_response(reset.error());
              return http::json_response(200, {{"sessions_revoked", true}});
            });

  add_route(
      router, services, "POST", "/api/v1/tokens", "tokens.issue",
      [&identity](http::Request& request, const Principal& caller) {
        auto object = http::parse_json_object(request.body);
        if (!object.ok()) return http::error_response(object.error());
        http::ObjectReader reader(*object);
        auto user_id = reader.required_string("user_id", 1, 64);
        if (!user_id.ok()) return http::error_response(user_id.error());
        auto name = reader.required_string("name", 1, 100);
        if (!name.ok()) return http::error_response(name.error());
        auto scopes = string_array(reader, "scopes", true);
        if (!scopes.ok()) return http::error_response(scopes.error());
        auto days = reader.optional_integer("days", 1, 365);
        if (!days.ok()) return http::error_response(days.error());
        if (auto finished = reader.finish(); !finished.ok()) {
          return http::error_response(finished.error());
        }
        std::optional<std::chrono::hours> lifetime;
        if (*days) lifetime = std::chrono::hours(24 * **days);
        return http::respond(
            identity.issue_token(caller, *user_id, *name,
                                 std::set<std::string>(scopes->begin(), scopes->end()), lifetime),
            201, [](const access::IssuedToken& token) {
              json scopes_json = json::array();
              for (const auto& scope : token.scopes)
                scopes_json.push_back(scope);
              // The token is shown here once; only its hash is kept.
              return json{{"id", token.id},
                          {"token", token.token},
                          {"scopes", scopes_json},
                          {"expires_at", token.expires_at}};
            });
      });

  add_route(router, services, "DELETE", "/api/v1/tokens/{id}", "tokens.revoke",
            [&identity](http::Request& request, const Principal& caller) {
              auto revoked = identity.revoke_token(caller, request.path_params.at("id"));
              if (!revoked.ok()) return http::error_response(revoked.error());
              return http::json_response(200, {{"revoked", true}});
            });
}

}  // namespace concord::api
