// The routes of a state's stockpile records, treaty deadlines and destruction progress under
// /api/v1/countries/{state}/ (docs/mine-action.md). The rules (ownership, dates, validation) live
// in operations::StockpileService and the body readers in operations/stockpile_json.h, which the
// CLI shares; this file only decodes and encodes. Bodies are read strictly: an unknown field is
// refused by name.
#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "api/records_parameters.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "operations/stockpile_json.h"
#include "operations/stockpile_service.h"

namespace concord::api {
namespace {

using access::Principal;
using operations::StockpileService;
namespace parameters = records_parameters;

constexpr std::string_view kReadAction = "operations.read";
constexpr std::string_view kRecordAction = "operations.record";

http::Response unavailable() {
  return http::error_response(Error::unavailable("stockpiles are not served by this node"));
}

// The records of `state` and, with ?year=, only the destruction events of that year.
template <typename Encode>
http::Response records_response(StockpileService& stockpiles, const http::Request& request,
                                const Principal& caller,
                                std::initializer_list<std::string_view> known, Encode&& encode) {
  auto checked = parameters::only(request, known);
  if (!checked.ok()) return http::error_response(checked.error());
  auto year = parameters::optional_year(request, "year");
  if (!year.ok()) return http::error_response(year.error());
  auto records = stockpiles.records(caller, request.path_params.at("state"));
  if (records.ok() && *year) {
    const std::string prefix = std::to_string(**year) + "-";
    std::erase_if(records->events, [&](const operations::DestructionEvent& event) {
      return !event.date.starts_with(prefix);
    });
  }
  return http::respond(records, 200, encode);
}

// {"<key>": [...]}: one of the three lists of stockpile_records_json.
json one_list(const operations::StockpileRecords& records, const char* key) {
  json all = operations::stockpile_records_json(records);
  return json{{key, std::move(all.at(key))}};
}

// Decodes the body with `read` for the path's state and hands it to `store`.
template <typename Read, typename Store, typename Encode>
http::Response create(const http::Request& request, int status, Read&& read, Store&& store,
                      Encode&& encode) {
  auto body = http::parse_json_object(request.body);
  if (!body.ok()) return http::error_response(body.error());
  auto record = read(*body, request.path_params.at("state"));
  if (!record.ok()) return http::error_response(record.error());
  return http::respond(store(std::move(*record)), status, encode);
}

Result<operations::ProgressQuery> progress_query(const http::Request& request) {
  CONCORD_TRY(parameters::only(request, {"category", "ammunition_type", "on"}));
  operations::ProgressQuery query;
  query.state = request.path_params.at("state");
  const auto category = query_parameter(request, "category");
  if (!category) {
    return Error::invalid("category",
                          "category is required (" + operations::stockpile_categories_list() + ")");
  }
  CONCORD_ASSIGN_OR_RETURN(query.category,
                           operations::parse_stockpile_category(*category, "category"));
  query.ammunition_type = query_parameter(request, "ammunition_type").value_or("");
  query.on = query_parameter(request, "on").value_or("");  // empty: today, filled by the caller
  return query;
}

}  // namespace

void add_stockpile_routes(http::Router& router, const Services& services) {
  StockpileService* stockpiles = services.stockpiles;
  const std::string base = "/api/v1/countries/{state}";
  const std::string read(kReadAction);
  const std::string record(kRecordAction);

  add_route(router, services, "GET", base + "/stockpiles", read,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return records_response(*stockpiles, request, caller, {"year"},
                                      operations::stockpile_records_json);
            });

  add_route(router, services, "GET", base + "/stockpiles/declarations", read,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return records_response(*stockpiles, request, caller, {},
                                      [](const operations::StockpileRecords& records) {
                                        return one_list(records, "declarations");
                                      });
            });
  add_route(router, services, "POST", base + "/stockpiles/declarations", record,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return create(
                  request, 201, operations::declaration_from_json,
                  [&](operations::StockpileDeclaration declaration) {
                    return stockpiles->declare(caller, std::move(declaration));
                  },
                  operations::declaration_json);
            });

  add_route(router, services, "GET", base + "/stockpiles/destructions", read,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return records_response(*stockpiles, request, caller, {"year"},
                                      [](const operations::StockpileRecords& records) {
                                        return one_list(records, "destructions");
                                      });
            });
  add_route(router, services, "POST", base + "/stockpiles/destructions", record,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return create(
                  request, 201, operations::destruction_from_json,
                  [&](operations::DestructionEvent event) {
                    return stockpiles->record_destruction(caller, std::move(event));
                  },
                  operations::destruction_json);
            });

  add_route(router, services, "GET", base + "/stockpiles/retained", read,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return records_response(*stockpiles, request, caller, {},
                                      [](const operations::StockpileRecords& records) {
                                        return one_list(records, "retained");
                                      });
            });
  add_route(router, services, "POST", base + "/stockpiles/retained", record,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return create(
                  request, 201, operations::retained_from_json,
                  [&](operations::RetainedQuantity retained) {
                    return stockpiles->record_retained(caller, std::move(retained));
                  },
                  operations::retained_json);
            });

  add_route(router, services, "GET", base + "/stockpiles/progress", read,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              auto query = progress_query(request);
              if (!query.ok()) return http::error_response(query.error());
              if (query->on.empty()) query->on = stockpiles->today();
              auto progress = stockpiles->progress(caller, *query);
              if (!progress.ok()) return http::error_response(progress.error());
              return http::json_response(200, operations::progress_json(*query, *progress));
            });

  add_route(router, services, "GET", base + "/deadlines", read,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              auto checked = parameters::only(request, {});
              if (!checked.ok()) return http::error_response(checked.error());
              return http::respond(stockpiles->deadlines(caller, request.path_params.at("state")),
                                   200, operations::deadlines_json);
            });
  add_route(router, services, "PUT", base + "/deadlines", record,
            [stockpiles](http::Request& request, const Principal& caller) {
              if (stockpiles == nullptr) return unavailable();
              return create(
                  request, 200, operations::deadline_from_json,
                  [&](operations::TreatyDeadline deadline) {
                    return stockpiles->set_deadline(caller, std::move(deadline));
                  },
                  operations::deadline_json);
            });
}

}  // namespace concord::api
