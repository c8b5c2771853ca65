// The routes of funding flows, exchange rates and funding views. The rules live in src/assistance/;
// this file only decodes and encodes.
#include <charconv>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "assistance/funding_json.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

using assistance::FundingService;

constexpr std::int64_t kMaxYear = 2100;

http::Response unavailable() {
  return http::error_response(Error::unavailable("funding flows are not served by this node"));
}

Result<std::optional<int>> year_parameter(const http::Request& request, const std::string& name) {
  auto text = query_parameter(request, name);
  if (!text) return std::optional<int>{};
  int year = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), year);
  if (error != std::errc() || end != text->data() + text->size() || year < 0 || year > kMaxYear) {
    return Error::invalid(name, "must be a year such as 2027");
  }
  return std::optional<int>{year};
}

Result<assistance::NewFlow> decode_new_flow(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  assistance::NewFlow input;
  // Lengths here only bound the work; the service applies the domain's rules.
  CONCORD_ASSIGN_OR_RETURN(input.kind, reader.required_string("kind", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.donor, reader.optional_string("donor", 1, 200));
  CONCORD_ASSIGN_OR_RETURN(input.recipient_state, reader.required_string("recipient_state", 1, 10));
  CONCORD_ASSIGN_OR_RETURN(input.amount, reader.required_string("amount", 1, 40));
  CONCORD_ASSIGN_OR_RETURN(input.currency, reader.required_string("currency", 1, 10));
  CONCORD_ASSIGN_OR_RETURN(input.value_date, reader.required_string("value_date", 1, 40));
  CONCORD_ASSIGN_OR_RETURN(auto year, reader.required_integer("budget_year", 0, kMaxYear));
  input.budget_year = static_cast<int>(year);
  CONCORD_ASSIGN_OR_RETURN(input.theme, reader.optional_string("theme", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.sector, reader.optional_string("sector", 1, 10));
  CONCORD_ASSIGN_OR_RETURN(input.plan_id, reader.optional_string("plan_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.obligation_id, reader.optional_string("obligation_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.need_id, reader.optional_string("need_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.match_id, reader.optional_string("match_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.activity, reader.optional_string("activity", 1, 200));
  CONCORD_ASSIGN_OR_RETURN(auto description, reader.optional_string("description", 0, 4000));
  input.description = description.value_or("");
  CONCORD_TRY(reader.finish());
  return input;
}

struct Amendment {
  assistance::FlowChanges changes;
  int expected_version = 0;
};

Result<Amendment> decode_amendment(const std::string& body, bool withdrawal) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  Amendment amendment;
  CONCORD_ASSIGN_OR_RETURN(auto version, reader.required_integer("expected_version", 1, 1000000));
  amendment.expected_version = static_cast<int>(version);
  if (!withdrawal) {
    auto& changes = amendment.changes;
    CONCORD_ASSIGN_OR_RETURN(changes.kind, reader.optional_string("kind", 1, 100));
    CONCORD_ASSIGN_OR_RETURN(changes.amount, reader.optional_string("amount", 1, 40));
    CONCORD_ASSIGN_OR_RETURN(changes.currency, reader.optional_string("currency", 1, 10));
    CONCORD_ASSIGN_OR_RETURN(changes.value_date, reader.optional_string("value_date", 1, 40));
    CONCORD_ASSIGN_OR_RETURN(auto year, reader.optional_integer("budget_year", 0, kMaxYear));
    if (year) changes.budget_year = static_cast<int>(*year);
    CONCORD_ASSIGN_OR_RETURN(changes.description, reader.optional_string("description", 0, 4000));
  }
  CONCORD_TRY(reader.finish());
  return amendment;
}

Result<assistance::FlowQuery> decode_flow_query(const http::Request& request) {
  assistance::FlowQuery query;
  query.recipient_state = query_parameter(request, "recipient_state");
  query.donor = query_parameter(request, "donor");
  query.plan_id = query_parameter(request, "plan_id");
  query.obligation_id = query_parameter(request, "obligation_id");
  query.need_id = query_parameter(request, "need_id");
  query.activity = query_parameter(request, "activity");
  query.theme = query_parameter(request, "theme");
  CONCORD_ASSIGN_OR_RETURN(query.budget_year, year_parameter(request, "budget_year"));
  auto withdrawn = query_parameter(request, "include_withdrawn");
  if (withdrawn && *withdrawn != "true" && *withdrawn != "false") {
    return Error::invalid("include_withdrawn", "must be true or false");
  }
  query.include_withdrawn = withdrawn == "true";
  return query;
}

assistance::FundingQuery decode_funding_query(const http::Request& request) {
  assistance::FundingQuery query;
  query.currency = query_parameter(request, "currency").value_or("USD");
  query.rates_on = query_parameter(request, "rates_on");
  query.state = query_parameter(request, "state");
  query.plan_id = query_parameter(request, "plan_id");
  return query;
}

json flows_json(const std::vector<assistance::FundingFlow>& flows, const ReferenceData& reference) {
  json list = json::array();
  for (const auto& flow : flows)
    list.push_back(assistance::flow_json(flow, reference));
  return list;
}

}  // namespace

void add_funding_routes(http::Router& router, const Services& services) {
  FundingService* funding = services.funding;
  using access::Principal;

  add_route(router, services, "GET", "/api/v1/assistance/flows", "assistance.read",
            [funding](http::Request& request, const Principal& caller) {
              if (funding == nullptr) return unavailable();
              auto query = decode_flow_query(request);
              if (!query.ok()) return http::error_response(query.error());
              return http::respond(
                  funding->list(caller, *query), 200, [funding](const auto& flows) {
                    return json{{"flows", flows_json(flows, funding->reference())}};
                  });
            });

  add_route(router, services, "POST", "/api/v1/assistance/flows", "flows.record",
            [funding](http::Request& request, const Principal& caller) {
              if (funding == nullptr) return unavailable();
              auto input = decode_new_flow(request.body);
              if (!input.ok()) return http::error_response(input.error());
              auto recorded = funding->record(caller, *input);
              auto response = http::respond(recorded, 201, [funding](const auto& flow) {
                return assistance::flow_json(flow, funding->reference());
              });
              if (recorded.ok()) {
                response.headers.emplace_back("Location",
                                              "/api/v1/assistance/flows/" + recorded->flow_id);
              }
              return response;
            });

  add_route(router, services, "GET", "/api/v1/assistance/flows/{id}", "assistance.read",
            [funding](http::Request& request, const Principal& caller) {
              if (funding == nullptr) return unavailable();
              return http::respond(
                  funding->history(caller, request.path_params.at("id")), 200,
                  [funding](const auto& versions) {
                    return json{
                        {"flow", assistance::flow_json(versions.back(), funding->reference())},
                        {"history", flows_json(versions, funding->reference())}};
                  });
            });

  for (const bool withdrawal : {false, true}) {
    add_route(
        router, services, "POST",
        std::string("/api/v1/assistance/flows/{id}/") + (withdrawal ? "withdraw" : "amend"),
        "flows.record", [funding, withdrawal](http::Request& request, const Principal& caller) {
          if (funding == nullptr) return unavailable();
          auto amendment = decode_amendment(request.body, withdrawal);
          if (!amendment.ok()) return http::error_response(amendment.error());
          const std::string& id = request.path_params.at("id");
          auto written = withdrawal ? funding->withdraw(caller, id, amendment->expected_version)
                                    : funding->amend(caller, id, amendment->changes,
                                                     amendment->expected_version);
          return http::respond(written, 200, [funding](const auto& flow) {
            return assistance::flow_json(flow, funding->reference());
          });
        });
  }

  add_route(router, services, "GET", "/api/v1/assistance/exchange-rates", "assistance.read",
            [funding](http::Request&, const Principal& caller) {
              if (funding == nullptr) return unavailable();
              return http::respond(funding->list_rates(caller), 200, [](const auto& rates) {
                json list = json::array();
                for (const auto& rate : rates)
                  list.push_back(assistance::rate_json(rate));
                return json{{"rates", list}};
              });
            });

  add_route(
      router, services, "PUT", "/api/v1/assistance/exchange-rates", "rates.edit",
      [funding](http::Request& request, const Principal& caller) {
        if (funding == nullptr) return unavailable();
        if (request.header("content-type").rfind("text/csv", 0) != 0) {
          return http::error_response(Error::invalid("Content-Type", "send the rates as text/csv"));
        }
        return http::respond(funding->import_rates_csv(caller, request.body), 200,
                             [](const assistance::RatesImport& imported) {
                               return json{{"imported", imported.rows}};
                             });
      });

  add_route(router, services, "GET", "/api/v1/assistance/funding", "assistance.read",
            [funding](http::Request& request, const Principal& caller) {
              if (funding == nullptr) return unavailable();
              const std::string by_text = query_parameter(request, "by").value_or("plan");
              auto by = assistance::funding_grouping_from_string(by_text);
              if (!by) {
                return http::error_response(
                    Error::invalid("by", "must be one of " + assistance::funding_groupings_list()));
              }
              return http::respond(funding->view(caller, decode_funding_query(request), *by), 200,
                                   [funding](const auto& view) {
                                     return assistance::funding_view_json(view,
                                                                          funding->reference());
                                   });
            });

  add_route(router, services, "GET", "/api/v1/assistance/funding/continuity", "assistance.read",
            [funding](http::Request& request, const Principal& caller) {
              if (funding == nullptr) return unavailable();
              return http::respond(funding->continuity(caller, decode_funding_query(request)), 200,
                                   [funding](const auto& view) {
                                     return assistance::continuity_json(view, funding->reference());
                                   });
            });

  add_route(router, services, "GET", "/api/v1/assistance/funding/concentration", "assistance.read",
            [funding](http::Request& request, const Principal& caller) {
              if (funding == nullptr) return unavailable();
              return http::respond(funding->concentration(caller, decode_funding_query(request)),
                                   200, [funding](const auto& view) {
                                     return assistance::concentration_json(view,
                                                                           funding->reference());
                                   });
            });
}

}  // namespace concord::api
