// The cross-check hit routes: GET /api/v1/hits, GET /api/v1/hits/{id},
// POST /api/v1/hits/{id}/review and GET /api/v1/records/{id}/hits. What a state learns of the
// other record is decided by registry::HitService; this file only decodes and encodes.
#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "registry/weapon_json.h"

namespace concord::api {
namespace {

using registry::HitSide;
using registry::HitView;

json side_json(const HitSide& side, bool with_review_details) {
  json out = {{"record_id", side.record_id},
              {"state", side.state},
              {"kind", side.kind},
              {"marking", side.marking},
              {"status", registry::to_string(side.status)}};
  if (with_review_details) {
    out["note"] = side.note;
    out["reviewed_by"] = side.reviewed_by.empty() ? json() : json(side.reviewed_by);
    out["reviewed_at"] = side.reviewed_at.empty() ? json() : json(side.reviewed_at);
  }
  return out;
}

// The other side: its state and kind always; its record id, marking and details only when the
// caller may read the record (view.other_record is set), saying which ("details") when the record
// was looked up (one hit read, not lists).
json other_json(const HitView& view, bool same_state) {
  const HitSide& other = view.other();
  if (same_state) {
    json out = side_json(other, true);
    if (view.other_record) out["record"] = registry::weapon_record_json(*view.other_record);
    return out;
  }
  json out = {{"state", other.state}, {"kind", other.kind}};
  if (view.other_record) {
    out["record_id"] = other.record_id;
    out["marking"] = other.marking;
    out["record"] = registry::weapon_description_json(*view.other_record);
    out["record"]["external_id"] = view.other_record->external_id;
    out["details"] = "shared";
  } else if (view.other_looked_up) {
    out["details"] = "not shared";
  }
  return out;
}

json hit_view_json(const HitView& view) {
  const bool same_state = view.own().state == view.other().state;
  json out = {{"id", view.hit.id},
              {"score", view.hit.score},
              {"created_at", view.hit.created_at},
              {"record", side_json(view.own(), true)},
              {"other", other_json(view, same_state)}};
  // How to ask the other state about it: a tracing request from the caller's record.
  out["trace"] = same_state ? json()
                            : json{{"to_state", view.other().state},
                                   {"record_id", view.own().record_id},
                                   {"hit_id", view.hit.id}};
  return out;
}

Result<registry::HitReviewInput> decode_review(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::HitReviewInput input;
  CONCORD_ASSIGN_OR_RETURN(input.status, reader.required_string("status", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(auto note, reader.optional_string("note", 0, 10000));
  input.note = note.value_or("");
  CONCORD_ASSIGN_OR_RETURN(input.record_id, reader.optional_string("record_id", 1, 100));
  CONCORD_TRY(reader.finish());
  return input;
}

Result<registry::HitListQuery> decode_list(const http::Request& request) {
  for (const auto& [name, value] : request.query) {
    if (name != "status" && name != "limit" && name != "before")
      return Error::invalid(name, "unknown parameter \"" + name + "\"");
  }
  registry::HitListQuery query;
  CONCORD_ASSIGN_OR_RETURN(query.limit, limit_parameter(request, 50, 200));
  query.status = query_parameter(request, "status");
  query.before = query_parameter(request, "before").value_or("");
  return query;
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("cross-check hits are not served by this node"));
}

}  // namespace

void add_hit_routes(http::Router& router, const Services& services) {
  const registry::HitService* hits = services.hits;
  using access::Principal;

  add_route(router, services, "GET", "/api/v1/hits", "hits.read",
            [hits](http::Request& request, const Principal& caller) {
              if (hits == nullptr) return unavailable();
              auto query = decode_list(request);
              if (!query.ok()) return http::error_response(query.error());
              return http::respond(
                  hits->list(caller, *query), 200, [](const registry::HitPage& page) {
                    json list = json::array();
                    for (const auto& view : page.hits)
                      list.push_back(hit_view_json(view));
                    return json{{"hits", list}, {"next_before", optional_json(page.next_before)}};
                  });
            });

  add_route(router, services, "GET", "/api/v1/hits/{id}", "hits.read",
            [hits](http::Request& request, const Principal& caller) {
              if (hits == nullptr) return unavailable();
              return http::respond(hits->get(caller, request.path_params.at("id")), 200,
                                   hit_view_json);
            });

  add_route(router, services, "POST", "/api/v1/hits/{id}/review", "hits.review",
            [hits](http::Request& request, const Principal& caller) {
              if (hits == nullptr) return unavailable();
              auto input = decode_review(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(hits->review(caller, request.path_params.at("id"), *input), 200,
                                   hit_view_json);
            });

  add_route(router, services, "GET", "/api/v1/records/{id}/hits", "hits.read",
            [hits](http::Request& request, const Principal& caller) {
              if (hits == nullptr) return unavailable();
              return http::respond(hits->list_for_record(caller, request.path_params.at("id")), 200,
                                   [](const std::vector<HitView>& views) {
                                     json list = json::array();
                                     for (const auto& view : views)
                                       list.push_back(hit_view_json(view));
                                     return json{{"hits", list}};
                                   });
            });
}

}  // namespace concord::api
