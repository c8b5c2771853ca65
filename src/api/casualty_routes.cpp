// The routes of a state's casualty statistics and victim assistance services under
// /api/v1/countries/{state}/ (docs/mine-action.md). The rules (ownership, years, all-or-nothing
// batches) live in operations::CasualtyService and the body readers in
// operations/casualty_json.h, which the CLI shares; this file only decodes and encodes. Bodies
// are read strictly: an unknown field, or one that looks like a personal identifier, is refused
// by name.
#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "api/records_parameters.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "operations/casualty_json.h"
#include "operations/casualty_service.h"

namespace concord::api {
namespace {

using access::Principal;
using operations::CasualtyService;
namespace parameters = records_parameters;

constexpr std::string_view kReadAction = "operations.read";
constexpr std::string_view kRecordAction = "operations.record";

http::Response unavailable() {
  return http::error_response(Error::unavailable("casualty records are not served by this node"));
}

}  // namespace

void add_casualty_routes(http::Router& router, const Services& services) {
  CasualtyService* casualties = services.casualties;
  const std::string base = "/api/v1/countries/{state}";
  const std::string read(kReadAction);
  const std::string record(kRecordAction);

  add_route(router, services, "GET", base + "/casualties", read,
            [casualties](http::Request& request, const Principal& caller) {
              if (casualties == nullptr) return unavailable();
              auto checked = parameters::only(request, {"year"});
              if (!checked.ok()) return http::error_response(checked.error());
              auto year = parameters::optional_year(request, "year");
              if (!year.ok()) return http::error_response(year.error());
              return http::respond(
                  casualties->casualties(caller, request.path_params.at("state"), *year), 200,
                  operations::casualties_json);
            });

  add_route(router, services, "POST", base + "/casualties", record,
            [casualties](http::Request& request, const Principal& caller) {
              if (casualties == nullptr) return unavailable();
              auto body = http::parse_json_object(request.body);
              if (!body.ok()) return http::error_response(body.error());
              auto rows = operations::casualty_batch_from_json(*body);
              if (!rows.ok()) return http::error_response(rows.error());
              return http::respond(casualties->record_casualties(
                                       caller, request.path_params.at("state"), std::move(*rows)),
                                   201, operations::casualties_json);
            });

  add_route(router, services, "GET", base + "/casualties/summary", read,
            [casualties](http::Request& request, const Principal& caller) {
              if (casualties == nullptr) return unavailable();
              auto checked = parameters::only(request, {"year"});
              if (!checked.ok()) return http::error_response(checked.error());
              auto year = parameters::required_year(request, "year");
              if (!year.ok()) return http::error_response(year.error());
              const std::string state = request.path_params.at("state");
              return http::respond(casualties->summary(caller, state, *year), 200,
                                   [&](const operations::CasualtySummary& summary) {
                                     return operations::casualty_summary_json(state, summary);
                                   });
            });

  add_route(router, services, "GET", base + "/victim-services", read,
            [casualties](http::Request& request, const Principal& caller) {
              if (casualties == nullptr) return unavailable();
              auto checked = parameters::only(request, {"year"});
              if (!checked.ok()) return http::error_response(checked.error());
              auto year = parameters::optional_year(request, "year");
              if (!year.ok()) return http::error_response(year.error());
              return http::respond(
                  casualties->victim_services(caller, request.path_params.at("state"), *year), 200,
                  operations::victim_services_json);
            });

  add_route(router, services, "POST", base + "/victim-services", record,
            [casualties](http::Request& request, const Principal& caller) {
              if (casualties == nullptr) return unavailable();
              auto body = http::parse_json_object(request.body);
              if (!body.ok()) return http::error_response(body.error());
              auto service =
                  operations::victim_service_from_json(*body, request.path_params.at("state"));
              if (!service.ok()) return http::error_response(service.error());
              return http::respond(casualties->record_victim_service(caller, std::move(*service)),
                                   201, operations::victim_service_json);
            });
}

}  // namespace concord::api
