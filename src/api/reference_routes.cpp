// The weapon reference table's routes (registry/weapon_reference_service.h): makes with their
// models, calibres, suggestions from a partial description, CSV export and import, and operator
// edits. Reads need reference.read, writes reference.edit.
#include <cmath>
#include <sstream>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

using access::Principal;
using registry::ReferenceService;

http::Response unavailable() {
  return http::error_response(
      Error::unavailable("the weapon reference table is not served by this node"));
}

json make_json(const registry::ReferenceMake& make) {
  return {{"id", make.id},
          {"name", make.name},
          {"code", make.code},
          {"country", make.country.empty() ? json() : json(make.country)},
          {"aliases", make.aliases},
          {"created_at", make.created_at},
          {"updated_at", make.updated_at}};
}

json calibre_json(const registry::ReferenceCalibre& calibre) {
  return {{"id", calibre.id},
          {"name", calibre.name},
          {"aliases", calibre.aliases},
          {"created_at", calibre.created_at},
          {"updated_at", calibre.updated_at}};
}

json model_json(const registry::ReferenceModel& model, const registry::ReferenceTable* table) {
  json encoded = {{"id", model.id},
                  {"make_id", model.make_id},
                  {"name", model.name},
                  {"weapon_type", model.weapon_type},
                  {"calibre_id", model.calibre_id.empty() ? json() : json(model.calibre_id)}};
  if (table != nullptr) {
    const auto* calibre = table->calibre_by_id(model.calibre_id);
    encoded["calibre"] = calibre != nullptr ? json(calibre->name) : json();
  }
  encoded["aliases"] = model.aliases;
  if (table != nullptr) {
    json lookalikes = json::array();
    if (auto index = table->model_index(model.id)) {
      for (std::size_t other : table->lookalikes_of(*index)) {
        const auto& alike = table->contents().models[other];
        const auto* make = table->make_by_id(alike.make_id);
        lookalikes.push_back({{"id", alike.id},
                              {"make_id", alike.make_id},
                              {"make", make != nullptr ? make->name : ""},
                              {"name", alike.name}});
      }
    }
    encoded["lookalikes"] = lookalikes;
  }
  encoded["created_at"] = model.created_at;
  encoded["updated_at"] = model.updated_at;
  return encoded;
}

json identity_json(const registry::SuggestedModel& identity) {
  auto optional = [](const std::string& text) { return text.empty() ? json() : json(text); };
  return {{"make_id", identity.make_id},
          {"make", identity.make},
          {"model_id", optional(identity.model_id)},
          {"model", optional(identity.model)},
          {"calibre_id", optional(identity.calibre_id)},
          {"calibre", optional(identity.calibre)},
          {"weapon_type", optional(identity.weapon_type)},
          {"country", optional(identity.country)}};
}

json suggestion_json(const registry::Suggestion& suggestion) {
  json encoded = identity_json(suggestion.identity);
  encoded["score"] = std::round(suggestion.score * 1000) / 1000;
  encoded["reasons"] = suggestion.reasons;
  json lookalikes = json::array();
  for (const auto& alike : suggestion.lookalikes)
    lookalikes.push_back(identity_json(alike));
  encoded["lookalikes"] = lookalikes;
  return encoded;
}

// An array of strings, each named in errors ("aliases[2]").
Result<std::optional<std::vector<std::string>>> string_list(http::ObjectReader& reader,
                                                            const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto value, reader.optional_value(key));
  if (!value) return std::optional<std::vector<std::string>>();
  const std::string field = reader.field_name(key);
  if (!value->is_array()) return Error::invalid(field, field + " must be an array of strings");
  std::vector<std::string> items;
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (!(*value)[i].is_string()) {
      return Error::invalid(field + "[" + std::to_string(i) + "]",
                            field + " must be an array of strings");
    }
    items.push_back((*value)[i].get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(items));
}

Result<registry::MakeInput> decode_make(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::MakeInput input;
  CONCORD_ASSIGN_OR_RETURN(input.name, reader.required_string("name", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(auto code, reader.optional_string("code", 0, 1000));
  CONCORD_ASSIGN_OR_RETURN(auto country, reader.optional_string("country", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(auto aliases, string_list(reader, "aliases"));
  CONCORD_TRY(reader.finish());
  input.code = code.value_or("");
  input.country = country.value_or("");
  input.aliases = aliases.value_or(std::vector<std::string>{});
  return input;
}

Result<registry::MakePatch> decode_make_patch(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::MakePatch patch;
  CONCORD_ASSIGN_OR_RETURN(patch.name, reader.optional_string("name", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(patch.code, reader.optional_string("code", 0, 1000));
  CONCORD_ASSIGN_OR_RETURN(patch.country, reader.optional_string("country", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(patch.aliases, string_list(reader, "aliases"));
  CONCORD_TRY(reader.finish());
  return patch;
}

Result<registry::CalibreInput> decode_calibre(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::CalibreInput input;
  CONCORD_ASSIGN_OR_RETURN(input.name, reader.required_string("name", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(auto aliases, string_list(reader, "aliases"));
  CONCORD_TRY(reader.finish());
  input.aliases = aliases.value_or(std::vector<std::string>{});
  return input;
}

Result<registry::CalibrePatch> decode_calibre_patch(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::CalibrePatch patch;
  CONCORD_ASSIGN_OR_RETURN(patch.name, reader.optional_string("name", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(patch.aliases, string_list(reader, "aliases"));
  CONCORD_TRY(reader.finish());
  return patch;
}

struct NewModel {
  registry::ModelInput input;
  std::vector<std::string> lookalikes;
};

Result<NewModel> decode_model(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  NewModel model;
  CONCORD_ASSIGN_OR_RETURN(model.input.make, reader.required_string("make", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(model.input.name, reader.required_string("name", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(auto type, reader.optional_string("weapon_type", 0, 1000));
  CONCORD_ASSIGN_OR_RETURN(auto calibre, reader.optional_string("calibre", 0, 1000));
  CONCORD_ASSIGN_OR_RETURN(auto aliases, string_list(reader, "aliases"));
  CONCORD_ASSIGN_OR_RETURN(auto lookalikes, string_list(reader, "lookalikes"));
  CONCORD_TRY(reader.finish());
  model.input.weapon_type = type.value_or("");
  model.input.calibre = calibre.value_or("");
  model.input.aliases = aliases.value_or(std::vector<std::string>{});
  model.lookalikes = lookalikes.value_or(std::vector<std::string>{});
  return model;
}

Result<registry::ModelPatch> decode_model_patch(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::ModelPatch patch;
  CONCORD_ASSIGN_OR_RETURN(patch.name, reader.optional_string("name", 1, 1000));
  CONCORD_ASSIGN_OR_RETURN(patch.weapon_type, reader.optional_string("weapon_type", 0, 1000));
  CONCORD_ASSIGN_OR_RETURN(patch.calibre, reader.optional_string("calibre", 0, 1000));
  CONCORD_ASSIGN_OR_RETURN(patch.aliases, string_list(reader, "aliases"));
  CONCORD_TRY(reader.finish());
  return patch;
}

// The query parameters of /suggest, each named in errors; an unknown one is refused.
Result<registry::SuggestQuery> decode_suggest(const http::Request& request) {
  registry::SuggestQuery query;
  for (const auto& [name, value] : request.query) {
    if (value.size() > 1000) return Error::invalid(name, name + " is longer than 1000 bytes");
    if (name == "make") {
      query.make = value;
    } else if (name == "model") {
      query.model = value;
    } else if (name == "calibre") {
      query.calibre = value;
    } else if (name == "type") {
      query.weapon_type = value;
    } else if (name == "country") {
      query.country = value;
    } else if (name == "markings") {
      query.markings = value;
    } else if (name != "limit") {
      return Error::invalid(name, "unknown parameter \"" + name + "\"");
    }
  }
  CONCORD_ASSIGN_OR_RETURN(query.limit, limit_parameter(request, 10, 100));
  return query;
}

template <typename Decoded, typename Decode, typename Call, typename Encode>
http::Response decode_call(const std::string& body, Decode&& decode, Call&& call, int status,
                           Encode&& encode) {
  Result<Decoded> input = decode(body);
  if (!input.ok()) return http::error_response(input.error());
  return http::respond(call(*input), status, encode);
}

}  // namespace

void add_reference_routes(http::Router& router, const Services& services) {
  ReferenceService* reference = services.reference_table;

  add_route(router, services, "GET", "/api/v1/reference/makes", "reference.read",
            [reference](http::Request&, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              return http::respond(reference->table(caller), 200, [](const auto& table) {
                json makes = json::array();
                for (std::size_t i = 0; i < table->contents().makes.size(); ++i) {
                  json make = make_json(table->contents().makes[i]);
                  make["models"] = table->models_of(i).size();
                  makes.push_back(std::move(make));
                }
                return json{{"makes", makes}};
              });
            });

  add_route(router, services, "GET", "/api/v1/reference/makes/{id}", "reference.read",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              auto table = reference->table(caller);
              if (!table.ok()) return http::error_response(table.error());
              auto detail = reference->get_make(caller, request.path_params.at("id"));
              return http::respond(detail, 200, [&](const registry::MakeDetail& found) {
                json encoded = make_json(found.make);
                json models = json::array();
                for (const auto& model : found.models)
                  models.push_back(model_json(model, table->get()));
                encoded["models"] = models;
                return encoded;
              });
            });

  add_route(router, services, "GET", "/api/v1/reference/calibres", "reference.read",
            [reference](http::Request&, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              return http::respond(reference->table(caller), 200, [](const auto& table) {
                json calibres = json::array();
                for (const auto& calibre : table->contents().calibres)
                  calibres.push_back(calibre_json(calibre));
                return json{{"calibres", calibres}};
              });
            });

  add_route(router, services, "GET", "/api/v1/reference/suggest", "reference.read",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              auto query = decode_suggest(request);
              if (!query.ok()) return http::error_response(query.error());
              return http::respond(reference->suggest(caller, *query), 200,
                                   [](const std::vector<registry::Suggestion>& found) {
                                     json suggestions = json::array();
                                     for (const auto& suggestion : found)
                                       suggestions.push_back(suggestion_json(suggestion));
                                     return json{{"suggestions", suggestions}};
                                   });
            });

  add_route(router, services, "GET", "/api/v1/reference/export", "reference.read",
            [reference](http::Request&, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              auto csv = reference->export_csv(caller);
              if (!csv.ok()) return http::error_response(csv.error());
              http::Response response;
              response.content_type = "text/csv; charset=utf-8";
              response.body = std::move(csv).value();
              response.headers.emplace_back("Content-Disposition",
                                            "attachment; filename=\"weapon-reference.csv\"");
              return response;
            });

  add_route(router, services, "POST", "/api/v1/reference/import", "reference.edit",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              std::istringstream input(request.body);
              return http::respond(reference->import_csv(caller, input), 200,
                                   [](const registry::ReferenceImportSummary& summary) {
                                     return json{{"rows", summary.rows},
                                                 {"created", summary.counts.created},
                                                 {"updated", summary.counts.updated},
                                                 {"unchanged", summary.counts.unchanged}};
                                   });
            });

  add_route(router, services, "POST", "/api/v1/reference/makes", "reference.edit",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              auto input = decode_make(request.body);
              if (!input.ok()) return http::error_response(input.error());
              auto created = reference->create_make(caller, *input);
              auto response = http::respond(created, 201, make_json);
              if (created.ok()) {
                response.headers.emplace_back("Location", "/api/v1/reference/makes/" + created->id);
              }
              return response;
            });

  add_route(router, services, "PATCH", "/api/v1/reference/makes/{id}", "reference.edit",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              return decode_call<registry::MakePatch>(
                  request.body, decode_make_patch,
                  [&](const registry::MakePatch& patch) {
                    return reference->update_make(caller, request.path_params.at("id"), patch);
                  },
                  200, make_json);
            });

  add_route(router, services, "POST", "/api/v1/reference/calibres", "reference.edit",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              return decode_call<registry::CalibreInput>(
                  request.body, decode_calibre,
                  [&](const registry::CalibreInput& input) {
                    return reference->create_calibre(caller, input);
                  },
                  201, calibre_json);
            });

  add_route(router, services, "PATCH", "/api/v1/reference/calibres/{id}", "reference.edit",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              return decode_call<registry::CalibrePatch>(
                  request.body, decode_calibre_patch,
                  [&](const registry::CalibrePatch& patch) {
                    return reference->update_calibre(caller, request.path_params.at("id"), patch);
                  },
                  200, calibre_json);
            });

  add_route(router, services, "POST", "/api/v1/reference/models", "reference.edit",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              return decode_call<NewModel>(
                  request.body, decode_model,
                  [&](const NewModel& model) {
                    return reference->create_model(caller, model.input, model.lookalikes);
                  },
                  201,
                  [](const registry::ReferenceModel& model) { return model_json(model, nullptr); });
            });

  add_route(router, services, "PATCH", "/api/v1/reference/models/{id}", "reference.edit",
            [reference](http::Request& request, const Principal& caller) {
              if (reference == nullptr) return unavailable();
              return decode_call<registry::ModelPatch>(
                  request.body, decode_model_patch,
                  [&](const registry::ModelPatch& patch) {
                    return reference->update_model(caller, request.path_params.at("id"), patch);
                  },
                  200,
                  [](const registry::ReferenceModel& model) { return model_json(model, nullptr); });
            });
}

}  // namespace concord::api
