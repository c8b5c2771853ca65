// The routes of national plans, obligations, needs, progress reports and regions, under
// /api/v1/assistance/. The rules (ownership, visibility, validation) live in
// assistance::PlanService; this file only decodes and encodes. Bodies are read strictly: an
// unknown field is refused by name.
#include <algorithm>

#include "api/api.h"
#include "api/assistance_body.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "assistance/plan_json.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

using assistance::PlanService;

constexpr std::string_view kBase = "/api/v1/assistance";

Result<assistance::PlanInput> decode_plan(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  assistance::PlanInput input;
  // Lengths here only bound the work; the service applies the domain's limits.
  CONCORD_ASSIGN_OR_RETURN(input.title, reader.required_string("title", 0, 10000));
  CONCORD_ASSIGN_OR_RETURN(auto summary, reader.optional_string("summary", 0, 100000));
  input.summary = summary.value_or("");
  CONCORD_ASSIGN_OR_RETURN(auto first_year, reader.required_integer("first_year", 0, 9999));
  CONCORD_ASSIGN_OR_RETURN(auto last_year, reader.required_integer("last_year", 0, 9999));
  input.first_year = static_cast<int>(first_year);
  input.last_year = static_cast<int>(last_year);
  CONCORD_ASSIGN_OR_RETURN(auto visibility, reader.optional_string("visibility", 0, 100));
  input.visibility = visibility.value_or("public");
  CONCORD_TRY(reader.finish());
  return input;
}

Result<assistance::ObligationInput> decode_obligation(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  assistance::ObligationInput input;
  CONCORD_ASSIGN_OR_RETURN(input.theme, reader.required_string("theme", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(input.capacity_area, reader.optional_string("capacity_area", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(input.treaty_basis, reader.required_string("treaty_basis", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(input.description, reader.required_string("description", 0, 100000));
  CONCORD_ASSIGN_OR_RETURN(input.unit, reader.required_string("unit", 0, 1000));
  CONCORD_ASSIGN_OR_RETURN(input.target_quantity, required_number(reader, "target_quantity"));
  CONCORD_ASSIGN_OR_RETURN(auto baseline, optional_number(reader, "baseline_quantity"));
  input.baseline_quantity = baseline.value_or(0);
  CONCORD_ASSIGN_OR_RETURN(input.deadline, reader.required_string("deadline", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(input.extended_deadline,
                           reader.optional_string("extended_deadline", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(auto visibility, reader.optional_string("visibility", 0, 100));
  input.visibility = visibility.value_or("public");
  CONCORD_TRY(reader.finish());
  return input;
}

Result<assistance::NeedInput> decode_need(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  assistance::NeedInput input;
  CONCORD_ASSIGN_OR_RETURN(input.obligation_id, reader.optional_string("obligation_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.theme, reader.optional_string("theme", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(input.description, reader.required_string("description", 0, 100000));
  CONCORD_ASSIGN_OR_RETURN(auto kind, reader.optional_string("kind", 0, 100));
  input.kind = kind.value_or("funding");
  CONCORD_ASSIGN_OR_RETURN(input.currency, reader.required_string("currency", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(auto visibility, reader.optional_string("visibility", 0, 100));
  input.visibility = visibility.value_or("public");
  CONCORD_ASSIGN_OR_RETURN(auto years, reader.optional_value("years"));
  if (!years) return Error::invalid("years", "years is required");
  if (!years->is_array()) return Error::invalid("years", "years must be an array of objects");
  if (years->size() > 100) return Error::invalid("years", "give at most 100 years");
  for (std::size_t i = 0; i < years->size(); ++i) {
    const std::string path = "years[" + std::to_string(i) + "]";
    const auto& entry = (*years)[i];
    if (!entry.is_object()) return Error::invalid(path, path + " must be an object");
    http::ObjectReader year_reader(entry, path + ".");
    assistance::NeedYearInput year;
    CONCORD_ASSIGN_OR_RETURN(auto number, year_reader.required_integer("year", 0, 9999));
    year.year = static_cast<int>(number);
    CONCORD_ASSIGN_OR_RETURN(year.cost, required_decimal(year_reader, "cost"));
    CONCORD_ASSIGN_OR_RETURN(auto national, optional_decimal(year_reader, "national"));
    year.national = national.value_or("0");
    CONCORD_TRY(year_reader.finish());
    input.years.push_back(std::move(year));
  }
  CONCORD_TRY(reader.finish());
  return input;
}

Result<assistance::ProgressInput> decode_progress(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  assistance::ProgressInput input;
  CONCORD_ASSIGN_OR_RETURN(input.as_of, reader.required_string("as_of", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(input.achieved_quantity, required_number(reader, "achieved_quantity"));
  CONCORD_ASSIGN_OR_RETURN(auto note, reader.optional_string("note", 0, 100000));
  input.note = note.value_or("");
  CONCORD_TRY(reader.finish());
  return input;
}

Result<std::vector<std::string>> decode_region(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  CONCORD_ASSIGN_OR_RETURN(auto countries, reader.optional_strings("countries"));
  if (!countries) return Error::invalid("countries", "countries is required");
  CONCORD_TRY(reader.finish());
  return *countries;
}

// Refuses query parameters other than `known`, by name.
Result<void> only_parameters(const http::Request& request,
                             std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return Error::invalid(name, "unknown parameter \"" + name + "\"");
    }
  }
  return ok();
}

json needs_json(const std::vector<assistance::Need>& needs, const ReferenceData& reference) {
  json list = json::array();
  for (const auto& need : needs)
    list.push_back(assistance::need_json(need, reference));
  return list;
}

json plan_view_json(const assistance::PlanView& view, const ReferenceData& reference) {
  json out = assistance::plan_json(view.plan);
  json obligations = json::array();
  for (const auto& obligation : view.obligations) {
    obligations.push_back(assistance::obligation_json(obligation));
  }
  out["obligations"] = std::move(obligations);
  out["needs"] = needs_json(view.needs, reference);
  return out;
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("plans are not served by this node"));
}

http::Response created(const http::Response& response, bool ok, const std::string& location) {
  http::Response out = response;
  if (ok) out.headers.emplace_back("Location", location);
  return out;
}

}  // namespace

void add_plan_routes(http::Router& router, const Services& services) {
  PlanService* plans = services.plans;
  using access::Principal;
  const std::string base(kBase);

  add_route(router, services, "GET", base + "/plans", "assistance.read",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto known = only_parameters(request, {"state"});
              if (!known.ok()) return http::error_response(known.error());
              return http::respond(plans->list_plans(caller, query_parameter(request, "state")),
                                   200, [](const std::vector<assistance::Plan>& list) {
                                     json out = json::array();
                                     for (const auto& plan : list) {
                                       out.push_back(assistance::plan_json(plan));
                                     }
                                     return json{{"plans", out}};
                                   });
            });

  add_route(router, services, "POST", base + "/plans", "plans.publish",
            [plans, base](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto input = decode_plan(request.body);
              if (!input.ok()) return http::error_response(input.error());
              auto plan = plans->create_plan(caller, *input);
              return created(http::respond(plan, 201, assistance::plan_json), plan.ok(),
                             plan.ok() ? base + "/plans/" + plan->id : "");
            });

  add_route(router, services, "GET", base + "/plans/{id}", "assistance.read",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              return http::respond(plans->get_plan(caller, request.path_params.at("id")), 200,
                                   [plans](const assistance::PlanView& view) {
                                     return plan_view_json(view, plans->reference());
                                   });
            });

  add_route(router, services, "PUT", base + "/plans/{id}", "plans.publish",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto input = decode_plan(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(plans->update_plan(caller, request.path_params.at("id"), *input),
                                   200, assistance::plan_json);
            });

  add_route(router, services, "POST", base + "/plans/{id}/obligations", "plans.publish",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto input = decode_obligation(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(
                  plans->add_obligation(caller, request.path_params.at("id"), *input), 201,
                  assistance::obligation_json);
            });

  add_route(router, services, "PUT", base + "/obligations/{id}", "plans.publish",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto input = decode_obligation(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(
                  plans->update_obligation(caller, request.path_params.at("id"), *input), 200,
                  assistance::obligation_json);
            });

  add_route(router, services, "GET", base + "/obligations/{id}/progress", "assistance.read",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              return http::respond(
                  plans->list_progress_reports(caller, request.path_params.at("id")), 200,
                  [](const std::vector<assistance::ProgressReport>& reports) {
                    json out = json::array();
                    for (const auto& report : reports) {
                      out.push_back(assistance::progress_report_json(report));
                    }
                    return json{{"progress_reports", out}};
                  });
            });

  add_route(router, services, "POST", base + "/obligations/{id}/progress", "plans.publish",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto input = decode_progress(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(
                  plans->add_progress_report(caller, request.path_params.at("id"), *input), 201,
                  assistance::progress_report_json);
            });

  add_route(router, services, "GET", base + "/needs", "assistance.read",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto known = only_parameters(request, {"state", "theme", "plan"});
              if (!known.ok()) return http::error_response(known.error());
              assistance::NeedQuery query;
              query.state = query_parameter(request, "state");
              query.theme = query_parameter(request, "theme");
              query.plan_id = query_parameter(request, "plan");
              return http::respond(plans->list_needs(caller, query), 200,
                                   [plans](const std::vector<assistance::Need>& needs) {
                                     return json{{"needs", needs_json(needs, plans->reference())}};
                                   });
            });

  add_route(router, services, "POST", base + "/plans/{id}/needs", "plans.publish",
            [plans, base](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto input = decode_need(request.body);
              if (!input.ok()) return http::error_response(input.error());
              auto need = plans->add_need(caller, request.path_params.at("id"), *input);
              return created(http::respond(need, 201,
                                           [plans](const assistance::Need& added) {
                                             return assistance::need_json(added,
                                                                          plans->reference());
                                           }),
                             need.ok(), need.ok() ? base + "/needs/" + need->id : "");
            });

  add_route(router, services, "GET", base + "/needs/{id}", "assistance.read",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              return http::respond(plans->get_need(caller, request.path_params.at("id")), 200,
                                   [plans](const assistance::Need& need) {
                                     return assistance::need_json(need, plans->reference());
                                   });
            });

  add_route(router, services, "PUT", base + "/needs/{id}", "plans.publish",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto input = decode_need(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(plans->update_need(caller, request.path_params.at("id"), *input),
                                   200, [plans](const assistance::Need& need) {
                                     return assistance::need_json(need, plans->reference());
                                   });
            });

  add_route(router, services, "GET", base + "/regions", "assistance.read",
            [plans](http::Request&, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              return http::respond(
                  plans->list_regions(caller), 200,
                  [](const std::vector<assistance::Region>& regions) {
                    json out = json::array();
                    for (const auto& region : regions) {
                      out.push_back({{"name", region.name}, {"countries", region.countries}});
                    }
                    return json{{"regions", out}};
                  });
            });

  add_route(router, services, "PUT", base + "/regions/{name}", "regions.edit",
            [plans](http::Request& request, const Principal& caller) {
              if (plans == nullptr) return unavailable();
              auto countries = decode_region(request.body);
              if (!countries.ok()) return http::error_response(countries.error());
              return http::respond(
                  plans->set_region(caller, request.path_params.at("name"), *countries), 200,
                  [](const assistance::Region& region) {
                    return json{{"name", region.name}, {"countries", region.countries}};
                  });
            });
}

}  // namespace concord::api
