// The marking search route: GET /api/v1/search/markings?q=...&top=...&make=... Results hold only
// the records shared with the caller (search/marking_search.h).
#include <charconv>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"

namespace concord::api {
namespace {

// The query parameters, each named in errors; an unknown one is refused rather than ignored, so
// that a misspelt filter never silently widens a search.
Result<search::MarkingSearchInput> decode_search(const http::Request& request) {
  search::MarkingSearchInput input;
  for (const auto& [name, value] : request.query) {
    if (name == "q" || name == "top" || name == "min_score") continue;
    std::string* filter = search::filter_named(input.filters, name);
    if (filter == nullptr) return Error::invalid(name, "unknown parameter \"" + name + "\"");
    *filter = value;
  }
  auto q = query_parameter(request, "q");
  if (!q || q->empty()) return Error::invalid("q", "q is required: the marking as read");
  input.q = *q;
  if (auto top = query_parameter(request, "top")) {
    auto [end, ec] = std::from_chars(top->data(), top->data() + top->size(), input.top);
    if (ec != std::errc{} || end != top->data() + top->size() || input.top < 1 ||
        input.top > 1000) {
      return Error::invalid("top", "top must be a whole number from 1 to 1000");
    }
  }
  if (auto min_score = query_parameter(request, "min_score")) {
    double value = -1;
    auto [end, ec] =
        std::from_chars(min_score->data(), min_score->data() + min_score->size(), value);
    if (ec != std::errc{} || end != min_score->data() + min_score->size() || value < 0 ||
        value > 1) {
      return Error::invalid("min_score", "min_score must be a number from 0 to 1");
    }
    input.min_score = value;
  }
  return input;
}

}  // namespace

void add_search_routes(http::Router& router, const Services& services) {
  const auto& markings = services.markings;
  add_route(router, services, "GET", "/api/v1/search/markings", "markings.search",
            [&markings](http::Request& request, const access::Principal& principal) {
              auto input = decode_search(request);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(markings.search(principal, *input), 200,
                                   [&](const search::SearchResult& found) {
                                     json hits = json::array();
                                     for (const auto& hit : found.hits)
                                       hits.push_back(search::hit_json(hit, found.query));
                                     return json{{"query", input->q}, {"hits", hits}};
                                   });
            });
}

}  // namespace concord::api
