// The routes of IATI 2.03 export and IATI import. The rules live in src/assistance/; this file only
// decodes and encodes.
#include <map>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"

namespace concord::api {
namespace {

Result<assistance::IatiExportFilter> decode_export_filter(const http::Request& request) {
  assistance::IatiExportFilter filter;
  filter.recipient_state = query_parameter(request, "recipient_state");
  if (auto donor = query_parameter(request, "donor")) {
    CONCORD_ASSIGN_OR_RETURN(filter.donor, assistance::parse_donor_key(*donor, "donor"));
  }
  return filter;
}

json import_report_json(const assistance::IatiImportReport& report) {
  json skipped = json::array();
  std::map<std::string, int> by_reason;
  for (const auto& skip : report.skipped) {
    skipped.push_back({{"activity", skip.activity},
                       {"line", skip.line},
                       {"element", skip.element},
                       {"reason", skip.reason}});
    ++by_reason[skip.reason];
  }
  return {{"version", report.version},
          {"activities", report.activities},
          {"flows_created", report.flows_created},
          {"duplicates", report.duplicates},
          {"skipped_count", report.skipped.size()},
          {"skipped_by_reason", by_reason},
          {"skipped", skipped},
          {"notes", report.notes},
          {"flow_ids", report.flow_ids}};
}

}  // namespace

void add_iati_routes(http::Router& router, const Services& services) {
  using access::Principal;
  assistance::IatiService* iati = services.iati;
  auto unavailable = [] {
    return http::error_response(Error::unavailable("IATI is not served by this node"));
  };

  add_route(router, services, "GET", "/api/v1/assistance/iati/activities.xml", "assistance.read",
            [iati, unavailable](http::Request& request, const Principal& caller) {
              if (iati == nullptr) return unavailable();
              auto filter = decode_export_filter(request);
              if (!filter.ok()) return http::error_response(filter.error());
              auto xml = iati->export_activities(caller, *filter);
              if (!xml.ok()) return http::error_response(xml.error());
              http::Response response;
              response.content_type = "application/xml; charset=utf-8";
              response.body = std::move(xml).value();
              response.headers.emplace_back("Content-Disposition",
                                            "inline; filename=\"iati-activities.xml\"");
              return response;
            });

  add_route(router, services, "POST", "/api/v1/assistance/iati/import", "flows.record",
            [iati, unavailable](http::Request& request, const Principal& caller) {
              if (iati == nullptr) return unavailable();
              // application/xml, text/xml or a +xml type: an IATI file as published.
              if (request.header("content-type").find("xml") == std::string::npos) {
                return http::error_response(Error::invalid(
                    "Content-Type", "send the IATI activity file as application/xml"));
              }
              return http::respond(iati->import_activities(caller, request.body), 200,
                                   import_report_json);
            });
}

}  // namespace concord::api
