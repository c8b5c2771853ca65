// Weapon record routes (registry/record_service.h): enter, list, read, modify, the transactions
// locate, clear, cancel and confirm, history, records due for validation, and attachments sent as
// the raw request body. Handlers decode, call the service and encode; the service checks access
// on the record itself.
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "registry/record_service.h"

namespace concord::api {
namespace {

using registry::RecordService;

constexpr std::size_t kMaxText = 2000;

json record_json(const registry::WeaponRecord& record) {
  return json(registry::weapon_record_json(record));
}

Result<std::vector<registry::MarkingInput>> decode_markings(const nlohmann::json& array) {
  if (!array.is_array()) return Error::invalid("markings", "markings must be an array");
  std::vector<registry::MarkingInput> markings;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = "markings[" + std::to_string(i) + "]";
    if (!array[i].is_object()) return Error::invalid(path, path + " must be an object");
    http::ObjectReader reader(array[i], path + ".");
    registry::MarkingInput marking;
    CONCORD_ASSIGN_OR_RETURN(marking.kind, reader.required_string("kind", 1, 100));
    CONCORD_ASSIGN_OR_RETURN(auto component, reader.optional_string("component", 0, 100));
    CONCORD_ASSIGN_OR_RETURN(marking.text, reader.required_string("text", 1, kMaxText));
    CONCORD_ASSIGN_OR_RETURN(auto condition, reader.optional_string("condition", 0, 100));
    CONCORD_ASSIGN_OR_RETURN(auto method, reader.optional_string("restoration_method", 0, 1000));
    CONCORD_TRY(reader.finish());
    marking.component = component.value_or("");
    marking.condition = condition.value_or("");
    marking.restoration_method = method.value_or("");
    markings.push_back(std::move(marking));
  }
  return markings;
}

// The record fields of an enter or modify body; the service checks their values.
Result<registry::RecordFields> decode_fields(const nlohmann::json& object,
                                             http::ObjectReader& reader) {
  registry::RecordFields fields;
  CONCORD_ASSIGN_OR_RETURN(fields.kind, reader.optional_string("kind", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(fields.weapon_type, reader.optional_string("weapon_type", 0, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(fields.make, reader.optional_string("make", 0, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(fields.model, reader.optional_string("model", 0, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(fields.calibre, reader.optional_string("calibre", 0, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(fields.serial, reader.optional_string("serial", 0, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(fields.other_markings,
                           reader.optional_string("other_markings", 0, 10 * kMaxText));
  CONCORD_ASSIGN_OR_RETURN(fields.country_of_manufacture,
                           reader.optional_string("country_of_manufacture", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(auto year, reader.optional_integer("year_of_manufacture", 0, 9999));
  if (year) {
    fields.year_of_manufacture = std::optional<int>(static_cast<int>(*year));
  } else if (object.contains("year_of_manufacture")) {
    fields.year_of_manufacture = std::optional<int>();  // null: clear it
  }
  CONCORD_ASSIGN_OR_RETURN(fields.reported_at, reader.optional_string("reported_at", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(fields.sharing, reader.optional_string("sharing", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(fields.shared_with, reader.optional_strings("shared_with"));
  CONCORD_ASSIGN_OR_RETURN(auto markings, reader.optional_value("markings"));
  if (markings) {
    CONCORD_ASSIGN_OR_RETURN(auto decoded, decode_markings(*markings));
    fields.markings = std::move(decoded);
  }
  return fields;
}

Result<registry::NewRecord> decode_new_record(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::NewRecord input;
  CONCORD_ASSIGN_OR_RETURN(input.external_id, reader.optional_string("external_id", 1, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(input.state, reader.optional_string("state", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(input.fields, decode_fields(object, reader));
  CONCORD_TRY(reader.finish());
  return input;
}

struct Modification {
  registry::RecordFields fields;
  std::string reason;
};

Result<Modification> decode_modification(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  Modification modification;
  CONCORD_ASSIGN_OR_RETURN(modification.fields, decode_fields(object, reader));
  CONCORD_ASSIGN_OR_RETURN(auto reason, reader.optional_string("reason", 0, kMaxText));
  CONCORD_TRY(reader.finish());
  modification.reason = reason.value_or("");
  return modification;
}

Result<registry::Location> decode_location(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  registry::Location location;
  CONCORD_ASSIGN_OR_RETURN(location.place, reader.required_string("place", 1, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(location.on, reader.required_string("on", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(auto by, reader.optional_string("by", 0, kMaxText));
  CONCORD_TRY(reader.finish());
  location.by = by.value_or("");
  return location;
}

// {"reason": "..."}; an empty body gives "".
Result<std::string> decode_reason(const std::string& body, bool required) {
  if (body.empty() && !required) return std::string();
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  std::string reason;
  if (required) {
    CONCORD_ASSIGN_OR_RETURN(reason, reader.required_string("reason", 1, kMaxText));
  } else {
    CONCORD_ASSIGN_OR_RETURN(auto given, reader.optional_string("reason", 0, kMaxText));
    reason = given.value_or("");
  }
  CONCORD_TRY(reader.finish());
  return reason;
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("weapon records are not served by this node"));
}

// Content-Disposition for a sanitised name: an ASCII fallback and the UTF-8 name (RFC 6266).

}  // namespace

void add_record_routes(http::Router& router, const Services& services) {
  RecordService* records = services.records;
  using access::Principal;
  using http::Request;

  // Answers with `encode(record)` of a transaction's result.
  auto transaction_route = [&](const std::string& verb, auto&& run) {
    add_route(router, services, "POST", "/api/v1/records/{id}/" + verb, "records.write",
              [records, run](Request& request, const Principal& principal) {
                if (records == nullptr) return unavailable();
                return http::respond(run(*records, request, principal), 200, record_json);
              });
  };

  add_route(router, services, "POST", "/api/v1/records", "records.write",
            [records](Request& request, const Principal& principal) {
              if (records == nullptr) return unavailable();
              auto input = decode_new_record(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(records->enter(principal, *input), 201, record_json);
            });

  add_route(
      router, services, "GET", "/api/v1/records", "records.read",
      [records](Request& request, const Principal& principal) {
        if (records == nullptr) return unavailable();
        for (const auto& [name, value] : request.query) {
          if (name != "kind" && name != "status" && name != "after" && name != "limit") {
            return http::error_response(Error::invalid(name, "unknown parameter \"" + name + "\""));
          }
        }
        auto limit = limit_parameter(request, 100, 1000);
        if (!limit.ok()) return http::error_response(limit.error());
        registry::RecordFilter filter;
        filter.kind = query_parameter(request, "kind");
        filter.status = query_parameter(request, "status");
        filter.after = query_parameter(request, "after").value_or("");
        filter.limit = *limit;
        return http::respond(
            records->list(principal, filter), 200, [](const registry::RecordPage& page) {
              json list = json::array();
              for (const auto& record : page.records)
                list.push_back(record_json(record));
              return json{{"records", list}, {"next_after", optional_json(page.next_after)}};
            });
      });

  add_route(router, services, "GET", "/api/v1/records/due-for-validation", "records.read",
            [records](Request& request, const Principal& principal) {
              if (records == nullptr) return unavailable();
              auto limit = limit_parameter(request, 100, 1000);
              if (!limit.ok()) return http::error_response(limit.error());
              return http::respond(records->due_for_validation(principal, *limit), 200,
                                   [records](const std::vector<registry::WeaponRecord>& due) {
                                     json list = json::array();
                                     for (const auto& record : due)
                                       list.push_back(record_json(record));
                                     return json{{"validation_period_days",
                                                  records->options().validation_period_days},
                                                 {"records", list}};
                                   });
            });

  add_route(router, services, "GET", "/api/v1/records/{id}", "records.read",
            [records](Request& request, const Principal& principal) {
              if (records == nullptr) return unavailable();
              return http::respond(records->get(principal, request.path_params.at("id")), 200,
                                   record_json);
            });

  add_route(router, services, "PATCH", "/api/v1/records/{id}", "records.write",
            [records](Request& request, const Principal& principal) {
              if (records == nullptr) return unavailable();
              auto changes = decode_modification(request.body);
              if (!changes.ok()) return http::error_response(changes.error());
              return http::respond(records->modify(principal, request.path_params.at("id"),
                                                   changes->fields, changes->reason),
                                   200, record_json);
            });

  transaction_route("locate",
                    [](RecordService& service, Request& request,
                       const Principal& principal) -> Result<registry::WeaponRecord> {
                      CONCORD_ASSIGN_OR_RETURN(auto location, decode_location(request.body));
                      return service.locate(principal, request.path_params.at("id"), location);
                    });
  transaction_route("clear",
                    [](RecordService& service, Request& request,
                       const Principal& principal) -> Result<registry::WeaponRecord> {
                      CONCORD_ASSIGN_OR_RETURN(auto reason, decode_reason(request.body, false));
                      return service.clear(principal, request.path_params.at("id"), reason);
                    });
  transaction_route("cancel",
                    [](RecordService& service, Request& request,
                       const Principal& principal) -> Result<registry::WeaponRecord> {
                      CONCORD_ASSIGN_OR_RETURN(auto reason, decode_reason(request.body, true));
                      return service.cancel(principal, request.path_params.at("id"), reason);
                    });
  transaction_route("confirm",
                    [](RecordService& service, Request& request,
                       const Principal& principal) -> Result<registry::WeaponRecord> {
                      if (!request.body.empty()) {
                        CONCORD_ASSIGN_OR_RETURN(auto object,
                                                 http::parse_json_object(request.body));
                        CONCORD_TRY(http::ObjectReader(object).finish());
                      }
                      return service.confirm(principal, request.path_params.at("id"));
                    });

  add_route(router, services, "GET", "/api/v1/records/{id}/history", "records.read",
            [records](Request& request, const Principal& principal) {
              if (records == nullptr) return unavailable();
              return http::respond(records->history(principal, request.path_params.at("id")), 200,
                                   [](const std::vector<registry::HistoryEntry>& entries) {
                                     json list = json::array();
                                     for (const auto& entry : entries)
                                       list.push_back(json(registry::history_entry_json(entry)));
                                     return json{{"history", list}};
                                   });
            });

  add_route(
      router, services, "POST", "/api/v1/records/{id}/attachments", "records.write",
      [records](Request& request, const Principal& principal) {
        if (records == nullptr) return unavailable();
        for (const auto& [name, value] : request.query) {
          if (name != "filename" && name != "description") {
            return http::error_response(Error::invalid(name, "unknown parameter \"" + name + "\""));
          }
        }
        auto filename = query_parameter(request, "filename");
        if (!filename || filename->empty()) {
          return http::error_response(
              Error::invalid("filename",
                             "filename is required: ?filename=photo.jpg, with the file's "
                             "bytes as the request body"));
        }
        std::vector<unsigned char> bytes(request.body.begin(), request.body.end());
        return http::respond(
            records->attach(principal, request.path_params.at("id"), *filename,
                            query_parameter(request, "description").value_or(""), std::move(bytes)),
            201, [](const store::Attachment& attachment) {
              return attachment_json(attachment, "/api/v1/attachments/" + attachment.id);
            });
      });

  add_route(router, services, "GET", "/api/v1/records/{id}/attachments", "records.read",
            [records](Request& request, const Principal& principal) {
              if (records == nullptr) return unavailable();
              return http::respond(records->attachments(principal, request.path_params.at("id")),
                                   200, [](const std::vector<store::Attachment>& list) {
                                     json items = json::array();
                                     for (const auto& attachment : list)
                                       items.push_back(attachment_json(
                                           attachment, "/api/v1/attachments/" + attachment.id));
                                     return json{{"attachments", items}};
                                   });
            });

  add_route(router, services, "GET", "/api/v1/attachments/{id}", "records.read",
            [records](Request& request, const Principal& principal) {
              if (records == nullptr) return unavailable();
              auto found = records->attachment(principal, request.path_params.at("id"));
              if (!found.ok()) return http::error_response(found.error());
              return attachment_download(found->first, found->second);
            });
}

}  // namespace concord::api
