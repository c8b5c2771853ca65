// The audit trail over the API: reading entries and verifying the chain.
#include "access/audit_reading.h"
#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"

namespace concord::api {

void add_audit_routes(http::Router& router, const Services& services) {
  using access::Principal;

  add_route(router, services, "GET", "/api/v1/audit", "audit.read",
            [services](http::Request& request, const Principal& caller) {
              auto limit = limit_parameter(request, 1000, 10000);
              if (!limit.ok()) return http::error_response(limit.error());
              const std::string since = query_parameter(request, "since").value_or("");
              if (!since.empty() && !parse_iso8601(since)) {
                return http::error_response(
                    Error::invalid("since", "since must be an ISO 8601 time such as 2026-01-31"));
              }
              return http::respond(
                  access::read_audit_entries(services.audit, services.db, caller, since,
                                             query_parameter(request, "state"), *limit),
                  200, [](const std::vector<access::AuditEntry>& entries) {
                    json list = json::array();
                    for (const auto& entry : entries)
                      list.push_back(access::audit_entry_json(entry));
                    return json{{"entries", list}};
                  });
            });

  add_route(
      router, services, "GET", "/api/v1/audit/verify", "audit.verify",
      [services](http::Request&, const Principal&) {
        return http::respond(
            services.audit.verify(services.db), 200, [](const access::AuditVerification& result) {
              return json{
                  {"intact", !result.first_broken_sequence.has_value()},
                  {"entries_checked", result.entries_checked},
                  {"first_broken_sequence",
                   result.first_broken_sequence ? json(*result.first_broken_sequence) : json()},
                  {"problem", result.problem}};
            });
      });
}

}  // namespace concord::api
