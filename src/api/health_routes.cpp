// GET /healthz, /readyz and /metrics: for load balancers and Prometheus.
#include "api/api.h"
#include "http/error_response.h"

namespace concord::api {

void add_health_routes(http::Router& router, const Services& services) {
  router.add({"GET", "/healthz", "health.read", [](http::Request&) {
                return http::json_response(200, {{"status", "alive"}});
              }});
  router.add({"GET", "/readyz", "health.read", [&db = services.db](http::Request&) {
                auto answered = db.ping();
                if (!answered.ok()) {
                  return http::error_response(
                      503, "unavailable",
                      "the database does not answer: " + answered.error().message);
                }
                return http::json_response(200, {{"status", "ready"}});
              }});
  router.add({"GET", "/metrics", "metrics.read", [&metrics = services.metrics](http::Request&) {
                http::Response response;
                response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                response.body = metrics.prometheus_text();
                return response;
              }});
}

}  // namespace concord::api
