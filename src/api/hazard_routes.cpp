// The routes of hazardous areas, land release, the severity bands and the GeoJSON map layer
// (docs/mine-action.md). The rules (ownership, dates, geometry, method-specific fields) live in
// operations::HazardService and the readers in operations/hazard_json.h, which the CLI shares;
// this file only decodes and encodes. Bodies are read strictly: an unknown field is refused by
// name.
#include <algorithm>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "core/json_text.h"
#include "http/error_response.h"
#include "operations/hazard_json.h"
#include "operations/hazard_service.h"

namespace concord::api {
namespace {

using operations::HazardService;

// Bodies hold GeoJSON: coordinates nest four deep in a MultiPolygon, inside the body object.
constexpr int kMaxBodyNesting = 8;

Result<void> only_parameters(const http::Request& request,
                             std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return Error::invalid(name, "unknown parameter \"" + name + "\"");
    }
  }
  return ok();
}

Result<nlohmann::json> body_object(const http::Request& request) {
  return parse_json_object(request.body, "the request body", kMaxBodyNesting);
}

// ?releases=true|false; absent is false.
Result<bool> releases_parameter(const http::Request& request) {
  const auto value = query_parameter(request, "releases");
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  return Error::invalid("releases", "releases must be true or false");
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("hazardous areas are not served by this node"));
}

json views_json(const std::vector<operations::HazardousAreaView>& views) {
  json list = json::array();
  for (const auto& view : views)
    list.push_back(operations::hazardous_area_view_json(view));
  return list;
}

}  // namespace

void add_hazard_routes(http::Router& router, const Services& services) {
  HazardService* hazards = services.hazards;
  using access::Principal;
  const std::string base = "/api/v1";

  add_route(router, services, "GET", base + "/countries/{state}/hazardous-areas", "operations.read",
            [hazards](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              auto known = only_parameters(request, {"on"});
              if (!known.ok()) return http::error_response(known.error());
              const std::string state = request.path_params.at("state");
              return http::respond(
                  hazards->areas(caller, state, query_parameter(request, "on").value_or("")), 200,
                  [&state](const std::vector<operations::HazardousAreaView>& views) {
                    return json{{"state", state}, {"areas", views_json(views)}};
                  });
            });

  add_route(router, services, "POST", base + "/countries/{state}/hazardous-areas",
            "operations.record", [hazards, base](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              auto object = body_object(request);
              if (!object.ok()) return http::error_response(object.error());
              auto input = operations::hazardous_area_input_from_json(
                  *object, request.path_params.at("state"));
              if (!input.ok()) return http::error_response(input.error());
              auto area = hazards->record_area(caller, std::move(*input));
              auto response = http::respond(area, 201, operations::hazardous_area_json);
              if (area.ok())
                response.headers.emplace_back("Location", base + "/hazardous-areas/" + area->id);
              return response;
            });

  add_route(router, services, "GET", base + "/countries/{state}/hazardous-areas/geojson",
            "operations.read", [hazards](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              auto known = only_parameters(request, {"on", "releases"});
              if (!known.ok()) return http::error_response(known.error());
              auto with_releases = releases_parameter(request);
              if (!with_releases.ok()) return http::error_response(with_releases.error());
              auto collection = hazards->feature_collection(
                  caller, request.path_params.at("state"),
                  query_parameter(request, "on").value_or(""), *with_releases);
              if (!collection.ok()) return http::error_response(collection.error());
              http::Response response;
              response.content_type = "application/geo+json";
              response.body = collection->dump();
              return response;
            });

  add_route(router, services, "GET", base + "/hazardous-areas/{id}", "operations.read",
            [hazards](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              auto known = only_parameters(request, {"on"});
              if (!known.ok()) return http::error_response(known.error());
              return http::respond(hazards->area(caller, request.path_params.at("id"),
                                                 query_parameter(request, "on").value_or("")),
                                   200, operations::hazardous_area_view_json);
            });

  add_route(router, services, "POST", base + "/hazardous-areas/{id}/classifications",
            "operations.record", [hazards](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              auto object = body_object(request);
              if (!object.ok()) return http::error_response(object.error());
              auto change = operations::classification_from_json(*object);
              if (!change.ok()) return http::error_response(change.error());
              return http::respond(
                  hazards->classify(caller, request.path_params.at("id"), std::move(*change)), 201,
                  operations::classification_json);
            });

  add_route(router, services, "GET", base + "/hazardous-areas/{id}/releases", "operations.read",
            [hazards](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              auto known = only_parameters(request, {"on"});
              if (!known.ok()) return http::error_response(known.error());
              return http::respond(
                  hazards->area(caller, request.path_params.at("id"),
                                query_parameter(request, "on").value_or("")),
                  200, [](const operations::HazardousAreaView& view) {
                    json releases = json::array();
                    for (const auto& release : view.releases) {
                      releases.push_back(operations::land_release_json(release));
                    }
                    return json{{"area_id", view.area.id},
                                {"on", view.on},
                                {"releases", std::move(releases)},
                                {"figures", operations::land_release_figures_json(view.figures)}};
                  });
            });

  add_route(router, services, "POST", base + "/hazardous-areas/{id}/releases", "operations.record",
            [hazards](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              auto object = body_object(request);
              if (!object.ok()) return http::error_response(object.error());
              auto release = operations::land_release_from_json(*object);
              if (!release.ok()) return http::error_response(release.error());
              return http::respond(hazards->record_release(caller, request.path_params.at("id"),
                                                           std::move(*release)),
                                   201, operations::land_release_json);
            });

  add_route(router, services, "GET", base + "/operations/severity-bands", "operations.read",
            [hazards](http::Request&, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              return http::respond(hazards->severity_bands(caller), 200,
                                   operations::severity_bands_json);
            });

  add_route(router, services, "PUT", base + "/operations/severity-bands", "operations.configure",
            [hazards](http::Request& request, const Principal& caller) {
              if (hazards == nullptr) return unavailable();
              return http::respond(hazards->set_severity_bands(caller, request.body), 200,
                                   operations::severity_bands_json);
            });
}

}  // namespace concord::api
