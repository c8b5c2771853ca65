// GET /healthz, /readyz and /metrics: for load balancers and Prometheus.
#include "api/api.h"
#include "api/gate.h"
#include "http/error_response.h"

namespace concord::api {

void add_health_routes(http::Router& router, const Services& services) {
  add_route(router, services, "GET", "/healthz", "health.read", [](http::Request&, const auto&) {
    return http::json_response(200, {{"status", "alive"}});
  });
  add_route(router, services, "GET", "/readyz", "health.read",
            [&db = services.db](http::Request&, const auto&) {
              auto answered = db.ping();
              if (!answered.ok()) {
                return http::error_response(
                    503, "unavailable",
                    "the database does not answer: " + answered.error().message);
              }
              return http::json_response(200, {{"status", "ready"}});
            });
  // Route patterns and counts only: nothing in them is confidential, and Prometheus scrapes
  // without credentials.
  add_route(router, services, "GET", "/metrics", "health.read",
            [&metrics = services.metrics](http::Request&, const auto&) {
              http::Response response;
              response.content_type = "text/plain; version=0.0.4; charset=utf-8";
              response.body = metrics.prometheus_text();
              return response;
            });
}

}  // namespace concord::api
