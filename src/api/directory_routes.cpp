// The directory's routes: states and organisations.
#include <charconv>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

json state_json(const directory::State& state) {
  return {{"alpha2", state.alpha2},
          {"alpha3", state.alpha3},
          {"numeric", state.numeric},
          {"name", state.name},
          {"official_name", state.official_name.empty() ? json() : json(state.official_name)}};
}

json organisation_json(const directory::Organisation& organisation) {
  return {{"id", organisation.id},
          {"name", organisation.name},
          {"acronym", optional_json(organisation.acronym)},
          {"kind", directory::to_string(organisation.kind)},
          {"headquarters", optional_json(organisation.headquarters)},
          {"website", optional_json(organisation.website)},
          {"created_at", organisation.created_at}};
}

Result<directory::NewOrganisation> decode_new_organisation(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  directory::NewOrganisation input;
  // Lengths here only bound the work; the service applies the domain's limits.
  CONCORD_ASSIGN_OR_RETURN(input.name, reader.required_string("name", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(input.acronym, reader.optional_string("acronym", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(input.kind, reader.required_string("kind", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.headquarters, reader.optional_string("headquarters", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.website, reader.optional_string("website", 1, 1000));
  CONCORD_TRY(reader.finish());
  return input;
}

}  // namespace

void add_directory_routes(http::Router& router, const Services& services) {
  auto& directory = services.directory;
  using access::Principal;

  add_route(router, services, "GET", "/api/v1/states", "states.read",
            [&directory](http::Request&, const Principal&) {
              return http::respond(directory.list_states(), 200, [](const auto& states) {
                json list = json::array();
                for (const auto& state : states)
                  list.push_back(state_json(state));
                return json{{"states", list}};
              });
            });

  add_route(router, services, "GET", "/api/v1/states/{alpha2}", "states.read",
            [&directory](http::Request& request, const Principal&) {
              return http::respond(directory.get_state(request.path_params.at("alpha2")), 200,
                                   state_json);
            });

  add_route(
      router, services, "GET", "/api/v1/organisations", "organisations.read",
      [&directory](http::Request& request, const Principal&) {
        auto limit = limit_parameter(request, 200);
        if (!limit.ok()) return http::error_response(limit.error());
        return http::respond(
            directory.list_organisations(*limit, query_parameter(request, "after")), 200,
            [](const directory::OrganisationPage& page) {
              json list = json::array();
              for (const auto& organisation : page.organisations) {
                list.push_back(organisation_json(organisation));
              }
              return json{{"organisations", list}, {"next_after", optional_json(page.next_after)}};
            });
      });

  add_route(router, services, "GET", "/api/v1/organisations/{id}", "organisations.read",
            [&directory](http::Request& request, const Principal&) {
              return http::respond(directory.get_organisation(request.path_params.at("id")), 200,
                                   organisation_json);
            });

  add_route(router, services, "POST", "/api/v1/organisations", "organisations.create",
            [&directory](http::Request& request, const Principal& caller) {
              auto input = decode_new_organisation(request.body);
              if (!input.ok()) return http::error_response(input.error());
              auto created = directory.create_organisation(caller, *input);
              auto response = http::respond(created, 201, organisation_json);
              if (created.ok()) {
                response.headers.emplace_back("Location", "/api/v1/organisations/" + created->id);
              }
              return response;
            });
}

}  // namespace concord::api
