// National marking systems (PoA III.12): the list of states that published one, a state's latest
// or given version, publishing a new version, and decoding typed markings with them.
#include <charconv>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "marking/marking_system_json.h"

namespace concord::api {
namespace {

http::Response unavailable() {
  return http::error_response(
      Error::unavailable("national marking systems are not served by this node"));
}

// The longest marking text and the most markings one decode request may carry.
constexpr size_t kMaxMarkingText = 500;
constexpr size_t kMaxMarkings = 100;

Result<std::optional<int>> version_parameter(const http::Request& request) {
  const auto text = query_parameter(request, "version");
  if (!text) return std::optional<int>();
  int version = 0;
  const auto [end, failure] = std::from_chars(text->data(), text->data() + text->size(), version);
  if (failure != std::errc() || end != text->data() + text->size() || version < 1) {
    return Error::invalid("version", "version must be a whole number from 1");
  }
  return std::optional<int>(version);
}

Result<std::vector<marking::TypedMarking>> decode_typed_markings(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  CONCORD_ASSIGN_OR_RETURN(auto array, reader.optional_value("markings"));
  CONCORD_TRY(reader.finish());
  if (!array) return Error::invalid("markings", "markings is required");
  if (!array->is_array()) return Error::invalid("markings", "markings must be an array");
  if (array->size() > kMaxMarkings) {
    return Error::invalid(
        "markings", "markings must have at most " + std::to_string(kMaxMarkings) + " entries");
  }
  std::vector<marking::TypedMarking> markings;
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string path = "markings[" + std::to_string(i) + "]";
    const auto& entry = (*array)[i];
    if (!entry.is_object()) return Error::invalid(path, path + " must be an object");
    http::ObjectReader fields(entry, path + ".");
    marking::TypedMarking typed;
    CONCORD_ASSIGN_OR_RETURN(const std::string kind, fields.required_string("kind", 1, 100));
    CONCORD_ASSIGN_OR_RETURN(typed.text, fields.required_string("text", 1, kMaxMarkingText));
    CONCORD_ASSIGN_OR_RETURN(auto component, fields.optional_string("component", 1, 100));
    CONCORD_ASSIGN_OR_RETURN(auto condition, fields.optional_string("condition", 1, 100));
    CONCORD_ASSIGN_OR_RETURN(auto method, fields.optional_string("restoration_method", 0, 200));
    CONCORD_TRY(fields.finish());
    const auto parsed_kind = marking::marking_kind_from_string(kind);
    if (!parsed_kind) {
      return Error::invalid(path + ".kind", "kind must be one of " + marking::marking_kinds_list());
    }
    typed.kind = *parsed_kind;
    if (component) {
      const auto parsed = marking::component_from_string(*component);
      if (!parsed) {
        return Error::invalid(path + ".component",
                              "component must be one of " + marking::components_list());
      }
      typed.component = *parsed;
    }
    if (condition) {
      const auto parsed = marking::condition_from_string(*condition);
      if (!parsed) {
        return Error::invalid(path + ".condition",
                              "condition must be one of " + marking::conditions_list());
      }
      typed.condition = *parsed;
    }
    typed.restoration_method = method.value_or("");
    markings.push_back(std::move(typed));
  }
  return markings;
}

json optional_year(const std::optional<int>& year) {
  return year ? json(*year) : json();
}

json import_json(const marking::DecodedImport& import) {
  return {{"country", import.country},
          {"year", optional_year(import.year)},
          {"importer", import.importer.empty() ? json() : json(import.importer)}};
}

json decoded_json(const marking::DecodedMarkings& decoded) {
  json imports = json::array();
  for (const auto& import : decoded.imports)
    imports.push_back(import_json(import));
  const auto* last = decoded.last_import();
  return {{"country_of_manufacture",
           decoded.country_of_manufacture.empty() ? json() : json(decoded.country_of_manufacture)},
          {"manufacturer", decoded.manufacturer.empty() ? json() : json(decoded.manufacturer)},
          {"year_of_manufacture", optional_year(decoded.year_of_manufacture)},
          {"imports", imports},
          {"last_import", last != nullptr ? import_json(*last) : json()},
          {"explanations", decoded.explanations}};
}

}  // namespace

void add_marking_system_routes(http::Router& router, const Services& services) {
  auto* systems = services.marking_systems;
  using access::Principal;

  add_route(router, services, "GET", "/api/v1/marking-systems", "marking_systems.read",
            [systems](http::Request&, const Principal& caller) {
              if (systems == nullptr) return unavailable();
              return http::respond(systems->list(caller), 200, [](const auto& list) {
                json entries = json::array();
                for (const auto& entry : list) {
                  entries.push_back({{"state", entry.state},
                                     {"latest_version", entry.latest_version},
                                     {"published_at", entry.published_at},
                                     {"description", entry.description}});
                }
                return json{{"marking_systems", entries}};
              });
            });

  add_route(router, services, "GET", "/api/v1/marking-systems/{state}", "marking_systems.read",
            [systems](http::Request& request, const Principal& caller) {
              if (systems == nullptr) return unavailable();
              auto version = version_parameter(request);
              if (!version.ok()) return http::error_response(version.error());
              return http::respond(systems->get(caller, request.path_params.at("state"), *version),
                                   200, [](const marking::MarkingSystem& system) {
                                     return marking::marking_system_json(system);
                                   });
            });

  add_route(
      router, services, "PUT", "/api/v1/marking-systems/{state}", "marking_systems.publish",
      [systems](http::Request& request, const Principal& caller) {
        if (systems == nullptr) return unavailable();
        auto published = systems->publish(caller, request.path_params.at("state"), request.body);
        auto response = http::respond(published, 201, [](const marking::MarkingSystem& system) {
          return marking::marking_system_json(system);
        });
        if (published.ok()) {
          response.headers.emplace_back("Location",
                                        "/api/v1/marking-systems/" + published->state +
                                            "?version=" + std::to_string(published->version));
        }
        return response;
      });

  add_route(router, services, "POST", "/api/v1/markings/decode", "markings.decode",
            [systems](http::Request& request, const Principal& caller) {
              if (systems == nullptr) return unavailable();
              auto markings = decode_typed_markings(request.body);
              if (!markings.ok()) return http::error_response(markings.error());
              return http::respond(systems->decode(caller, *markings), 200, decoded_json);
            });
}

}  // namespace concord::api
