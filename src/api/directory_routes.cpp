// The directory's routes: states and organisations.
#include <charconv>

#include "api/api.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

using json = nlohmann::ordered_json;

json optional_json(const std::optional<std::string>& value) {
  return value ? json(*value) : json();
}

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

// Reads ?limit= as a whole number; absent gives `fallback`.
Result<int> limit_parameter(const http::Request& request, int fallback) {
  auto found = request.query.find("limit");
  if (found == request.query.end()) return fallback;
  int limit = 0;
  const std::string& text = found->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    return Error::invalid("limit", "limit must be a whole number");
  }
  return limit;
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

  router.add({"GET", "/api/v1/states", "states.read", [&directory](http::Request&) {
                return http::respond(directory.list_states(), 200, [](const auto& states) {
                  json list = json::array();
                  for (const auto& state : states)
                    list.push_back(state_json(state));
                  return json{{"states", list}};
                });
              }});

  router.add(
      {"GET", "/api/v1/states/{alpha2}", "states.read", [&directory](http::Request& request) {
         return http::respond(directory.get_state(request.path_params.at("alpha2")), 200,
                              state_json);
       }});

  router.add(
      {"GET", "/api/v1/organisations", "organisations.read", [&directory](http::Request& request) {
         auto limit = limit_parameter(request, 200);
         if (!limit.ok()) return http::error_response(limit.error());
         std::optional<std::string> after;
         if (auto found = request.query.find("after"); found != request.query.end()) {
           after = found->second;
         }
         return http::respond(
             directory.list_organisations(*limit, after), 200,
             [](const directory::OrganisationPage& page) {
               json list = json::array();
               for (const auto& organisation : page.organisations) {
                 list.push_back(organisation_json(organisation));
               }
               return json{{"organisations", list}, {"next_after", optional_json(page.next_after)}};
             });
       }});

  router.add({"GET", "/api/v1/organisations/{id}", "organisations.read",
              [&directory](http::Request& request) {
                return http::respond(directory.get_organisation(request.path_params.at("id")), 200,
                                     organisation_json);
              }});

  router.add({"POST", "/api/v1/organisations", "organisations.create",
              [&directory](http::Request& request) {
                auto input = decode_new_organisation(request.body);
                if (!input.ok()) return http::error_response(input.error());
                auto created = directory.create_organisation(*input);
                auto response = http::respond(created, 201, organisation_json);
                if (created.ok()) {
                  response.headers.emplace_back("Location", "/api/v1/organisations/" + created->id);
                }
                return response;
              }});
}

}  // namespace concord::api
