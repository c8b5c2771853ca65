// Country profiles and draft transparency reports:
//   GET /api/v1/countries/{state}/profile?year=YYYY[&currency=XXX]      (operations.read, anyone)
//   GET /api/v1/countries/{state}/reports/{kind}?year=YYYY              printable HTML draft
//   GET /api/v1/countries/{state}/reports/{kind}/tables/{table}?year=YYYY   one table as CSV
// The reports need reports.draft (the state's own national contacts; ReportService checks the
// state). Handlers decode, call the service and encode; unknown query parameters are refused.
#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "api/records_parameters.h"
#include "http/error_response.h"
#include "operations/profile_json.h"
#include "operations/profile_service.h"
#include "operations/report_service.h"
#include "operations/transparency_report.h"

namespace concord::api {
namespace {

using access::Principal;

http::Response unavailable(std::string_view what) {
  return http::error_response(
      Error::unavailable(std::string(what) + " are not served by this node"));
}

Result<operations::ReportKind> kind_parameter(const http::Request& request) {
  const std::string& text = request.path_params.at("kind");
  auto kind = operations::report_kind_from_string(text);
  if (!kind) {
    return Error::not_found(
        "kind", "unknown report '" + text + "' (one of " + operations::report_kinds_list() + ")");
  }
  return *kind;
}

Result<operations::TransparencyReport> draft(operations::ReportService& reports,
                                             const http::Request& request,
                                             const Principal& caller) {
  CONCORD_TRY(records_parameters::only(request, {"year"}));
  CONCORD_ASSIGN_OR_RETURN(const int year, records_parameters::required_year(request, "year"));
  CONCORD_ASSIGN_OR_RETURN(const auto kind, kind_parameter(request));
  return reports.draft(caller, kind, request.path_params.at("state"), year);
}

http::Response document(int status, std::string content_type, std::string body) {
  http::Response response{status, std::move(content_type), std::move(body), {}};
  // The draft is self-contained: nothing may load from elsewhere, and no script may run.
  response.headers.push_back(
      {"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"});
  return response;
}

}  // namespace

void add_profile_routes(http::Router& router, const Services& services) {
  operations::ProfileService* profiles = services.profiles;
  operations::ReportService* reports = services.reports;

  add_route(router, services, "GET", "/api/v1/countries/{state}/profile", "operations.read",
            [profiles](http::Request& request, const Principal& caller) -> http::Response {
              if (profiles == nullptr) return unavailable("country profiles");
              auto checked = records_parameters::only(request, {"year", "currency"});
              if (!checked.ok()) return http::error_response(checked.error());
              auto year = records_parameters::required_year(request, "year");
              if (!year.ok()) return http::error_response(year.error());
              const std::string currency = query_parameter(request, "currency").value_or("USD");
              return http::respond(
                  profiles->profile(caller, request.path_params.at("state"), *year, currency), 200,
                  [profiles](const operations::CountryProfile& profile) {
                    return operations::country_profile_json(profile, profiles->reference());
                  });
            });

  add_route(router, services, "GET", "/api/v1/countries/{state}/reports/{kind}", "reports.draft",
            [reports](http::Request& request, const Principal& caller) -> http::Response {
              if (reports == nullptr) return unavailable("draft reports");
              auto report = draft(*reports, request, caller);
              if (!report.ok()) return http::error_response(report.error());
              return document(200, "text/html; charset=utf-8",
                              operations::render_report_html(*report));
            });

  add_route(router, services, "GET", "/api/v1/countries/{state}/reports/{kind}/tables/{table}",
            "reports.draft",
            [reports](http::Request& request, const Principal& caller) -> http::Response {
              if (reports == nullptr) return unavailable("draft reports");
              auto report = draft(*reports, request, caller);
              if (!report.ok()) return http::error_response(report.error());
              const std::string& id = request.path_params.at("table");
              const auto* table = report->table(id);
              if (table == nullptr) {
                std::string known;
                for (const auto& section : report->sections) {
                  for (const auto& candidate : section.tables) {
                    known += (known.empty() ? "" : ", ") + candidate.id;
                  }
                }
                return http::error_response(Error::not_found(
                    "table", "no table '" + id + "' in this report (one of " + known + ")"));
              }
              auto response =
                  document(200, "text/csv; charset=utf-8", operations::render_table_csv(*table));
              response.headers.push_back(
                  {"Content-Disposition", "attachment; filename=\"" + table->id + ".csv\""});
              return response;
            });
}

}  // namespace concord::api
