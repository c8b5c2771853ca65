// The tracing routes: requests between states (drafting, sending, every step of each addressed
// state's leg, forwarding, closing), their messages and attachments, the operators' due-date
// rules and time zones, and the timeliness report. Handlers decode, call the TracingService and
// encode; the service decides which side may act and audits.
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "tracing/answer_json.h"
#include "tracing/timeliness_json.h"
#include "tracing/tracing_service.h"

namespace concord::api {
namespace {

using access::Principal;
using http::Request;
using tracing::TracingService;

constexpr std::size_t kMaxText = 8000;

json text_or_null(const std::string& text) {
  return text.empty() ? json() : json(text);
}

json overdue_json(const TracingService& service, const tracing::Leg& leg) {
  auto kind = service.overdue(leg);
  return kind ? json(tracing::to_string(*kind)) : json();
}

json leg_json(const TracingService& service, const tracing::Leg& leg) {
  return {{"id", leg.id},
          {"from_state", leg.from_state},
          {"to_state", leg.to_state},
          {"forwarded_from", text_or_null(leg.forwarded_from)},
          {"status", tracing::to_string(leg.status)},
          {"role", leg.role},
          {"reason", leg.reason},
          {"sent_at", text_or_null(leg.sent_at)},
          {"acknowledged_at", text_or_null(leg.acknowledged_at)},
          {"information_requested_at", text_or_null(leg.information_requested_at)},
          {"started_at", text_or_null(leg.started_at)},
          {"concluded_at", text_or_null(leg.concluded_at)},
          {"closed_at", text_or_null(leg.closed_at)},
          {"acknowledge_due_at", text_or_null(leg.acknowledge_due_at)},
          {"answer_due_at", text_or_null(leg.answer_due_at)},
          {"time_zone", text_or_null(leg.time_zone)},
          {"overdue", overdue_json(service, leg)},
          {"answer", leg.answer ? json(tracing::answer_to_json(*leg.answer)) : json()},
          {"decline_reason", text_or_null(leg.decline_reason)},
          {"forward_note", text_or_null(leg.forward_note)}};
}

json request_json(const TracingService& service, const tracing::TracingRequest& request) {
  json legs = json::array();
  for (const auto& leg : request.legs)
    legs.push_back(leg_json(service, leg));
  const auto& content = request.content;
  return {{"id", request.id},
          {"requesting_state", request.requesting_state},
          {"record_id", request.record_id},
          {"hit_id", optional_json(content.hit_id)},
          {"status", tracing::to_string(request.status)},
          {"priority", tracing::to_string(content.priority)},
          {"urgency_justification", text_or_null(content.urgency_justification)},
          {"illicit_nature", content.illicit_nature},
          {"legal_basis", content.legal_basis},
          {"circumstances", content.circumstances},
          {"intended_use", content.intended_use},
          {"confidentiality", text_or_null(content.confidentiality)},
          {"weapon", json(request.weapon)},
          {"created_by", request.created_by},
          {"created_at", request.created_at},
          {"updated_at", request.updated_at},
          {"sent_at", text_or_null(request.sent_at)},
          {"closed_at", text_or_null(request.closed_at)},
          {"legs", legs}};
}

// What a list shows: statuses and due dates, never the contents.
json summary_json(const TracingService& service, const tracing::TracingRequest& request) {
  json legs = json::array();
  for (const auto& leg : request.legs) {
    legs.push_back({{"from_state", leg.from_state},
                    {"to_state", leg.to_state},
                    {"status", tracing::to_string(leg.status)},
                    {"acknowledge_due_at", text_or_null(leg.acknowledge_due_at)},
                    {"answer_due_at", text_or_null(leg.answer_due_at)},
                    {"overdue", overdue_json(service, leg)}});
  }
  return {{"id", request.id},
          {"requesting_state", request.requesting_state},
          {"status", tracing::to_string(request.status)},
          {"priority", tracing::to_string(request.content.priority)},
          {"created_at", request.created_at},
          {"sent_at", text_or_null(request.sent_at)},
          {"closed_at", text_or_null(request.closed_at)},
          {"href", "/api/v1/tracing/requests/" + request.id},
          {"legs", legs}};
}

json message_json(const tracing::Message& message) {
  return {{"id", message.id},
          {"kind", tracing::to_string(message.kind)},
          {"from_state", message.from_state},
          {"to_state", text_or_null(message.to_state)},
          {"author", message.author},
          {"body", message.body},
          {"created_at", message.created_at}};
}

json rule_json(const tracing::DueRule& rule) {
  return {{"kind", tracing::to_string(rule.kind)},
          {"priority", rule.priority ? json(tracing::to_string(*rule.priority)) : json()},
          {"from_state", text_or_null(rule.from_state)},
          {"to_state", text_or_null(rule.to_state)},
          {"within", tracing::format_due_duration(rule.within)}};
}

Result<tracing::NewRequest> decode_new_request(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  tracing::NewRequest input;
  auto& content = input.content;
  CONCORD_ASSIGN_OR_RETURN(input.record_id, reader.required_string("record_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(content.illicit_nature,
                           reader.required_string("illicit_nature", 1, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(content.legal_basis, reader.required_string("legal_basis", 1, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(content.circumstances,
                           reader.required_string("circumstances", 1, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(content.intended_use,
                           reader.required_string("intended_use", 1, kMaxText));
  CONCORD_ASSIGN_OR_RETURN(auto priority, reader.optional_string("priority", 1, 20));
  if (priority) {
    auto parsed = tracing::priority_from_string(*priority);
    if (!parsed) return Error::invalid("priority", "priority must be routine or urgent");
    content.priority = *parsed;
  }
  CONCORD_ASSIGN_OR_RETURN(auto justification,
                           reader.optional_string("urgency_justification", 0, kMaxText));
  content.urgency_justification = justification.value_or("");
  CONCORD_ASSIGN_OR_RETURN(auto confidentiality,
                           reader.optional_string("confidentiality", 0, kMaxText));
  content.confidentiality = confidentiality.value_or("");
  CONCORD_ASSIGN_OR_RETURN(content.hit_id, reader.optional_string("hit_id", 1, 64));
  CONCORD_ASSIGN_OR_RETURN(input.addressees, reader.optional_strings("addressees"));
  CONCORD_TRY(reader.finish());
  return input;
}

// An optional body holding one required text field (and, for some, more).
Result<std::string> decode_text(const std::string& body, const std::string& key) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  CONCORD_ASSIGN_OR_RETURN(std::string text, reader.required_string(key, 1, kMaxText));
  CONCORD_TRY(reader.finish());
  return text;
}

Result<std::vector<tracing::DueRule>> decode_rules(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  CONCORD_ASSIGN_OR_RETURN(auto value, reader.optional_value("rules"));
  CONCORD_TRY(reader.finish());
  if (!value || !value->is_array()) return Error::invalid("rules", "rules must be an array");
  std::vector<tracing::DueRule> rules;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const std::string path = "rules[" + std::to_string(i) + "]";
    if (!(*value)[i].is_object()) return Error::invalid(path, path + " must be an object");
    http::ObjectReader item((*value)[i], path + ".");
    tracing::DueRule rule;
    CONCORD_ASSIGN_OR_RETURN(std::string kind, item.required_string("kind", 1, 20));
    auto parsed_kind = tracing::due_kind_from_string(kind);
    if (!parsed_kind) {
      return Error::invalid(path + ".kind", path + ".kind must be acknowledge or answer");
    }
    rule.kind = *parsed_kind;
    CONCORD_ASSIGN_OR_RETURN(auto priority, item.optional_string("priority", 1, 20));
    if (priority) {
      rule.priority = tracing::priority_from_string(*priority);
      if (!rule.priority) {
        return Error::invalid(path + ".priority",
                              path + ".priority must be routine, urgent or null (any)");
      }
    }
    CONCORD_ASSIGN_OR_RETURN(auto from_state, item.optional_string("from_state", 0, 10));
    CONCORD_ASSIGN_OR_RETURN(auto to_state, item.optional_string("to_state", 0, 10));
    rule.from_state = from_state.value_or("");
    rule.to_state = to_state.value_or("");
    CONCORD_ASSIGN_OR_RETURN(std::string within, item.required_string("within", 1, 20));
    CONCORD_ASSIGN_OR_RETURN(rule.within, tracing::parse_due_duration(within, path + ".within"));
    CONCORD_TRY(item.finish());
    rules.push_back(std::move(rule));
  }
  return rules;
}

Result<void> only_parameters(const Request& request, std::initializer_list<std::string> allowed) {
  for (const auto& [name, value] : request.query) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return Error::invalid(name, "unknown parameter \"" + name.substr(0, 40) + "\"");
    }
  }
  return ok();
}

Result<tracing::ListQuery> decode_list_query(const Request& request) {
  CONCORD_TRY(only_parameters(request, {"box", "status", "overdue", "before", "limit"}));
  tracing::ListQuery query;
  const std::string box = query_parameter(request, "box").value_or("received");
  if (box == "sent") {
    query.box = tracing::Box::sent;
  } else if (box != "received") {
    return Error::invalid("box", "box must be sent or received");
  }
  query.status = query_parameter(request, "status");
  const std::string overdue = query_parameter(request, "overdue").value_or("false");
  if (overdue != "true" && overdue != "false") {
    return Error::invalid("overdue", "overdue must be true or false");
  }
  query.overdue_only = overdue == "true";
  query.before = query_parameter(request, "before").value_or("");
  CONCORD_ASSIGN_OR_RETURN(query.limit, limit_parameter(request, 50, 200));
  return query;
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("tracing requests are not served by this node"));
}

}  // namespace

void add_tracing_routes(http::Router& router, const Services& services) {
  TracingService* tracing = services.tracing;
  const std::string base = "/api/v1/tracing/requests";

  // A route that answers with the whole request after `run`.
  auto request_route = [&](const std::string& method, const std::string& pattern,
                           const std::string& action, int status, auto&& run) {
    add_route(router, services, method, pattern, action,
              [tracing, run, status](Request& request, const Principal& principal) {
                if (tracing == nullptr) return unavailable();
                return http::respond(run(*tracing, request, principal), status,
                                     [tracing](const tracing::TracingRequest& found) {
                                       return request_json(*tracing, found);
                                     });
              });
  };

  request_route("POST", base, "tracing.send", 201,
                [](TracingService& service, Request& request,
                   const Principal& principal) -> Result<tracing::TracingRequest> {
                  CONCORD_ASSIGN_OR_RETURN(auto input, decode_new_request(request.body));
                  return service.create_draft(principal, input);
                });

  add_route(
      router, services, "GET", base, "tracing.read",
      [tracing](Request& request, const Principal& principal) {
        if (tracing == nullptr) return unavailable();
        auto query = decode_list_query(request);
        if (!query.ok()) return http::error_response(query.error());
        return http::respond(
            tracing->list(principal, *query), 200, [tracing](const tracing::RequestPage& page) {
              json items = json::array();
              for (const auto& found : page.requests)
                items.push_back(summary_json(*tracing, found));
              return json{{"requests", items}, {"next_before", optional_json(page.next_before)}};
            });
      });

  request_route("GET", base + "/{id}", "tracing.read", 200,
                [](TracingService& service, Request& request, const Principal& principal) {
                  return service.get(principal, request.path_params.at("id"));
                });

  add_route(router, services, "GET", "/api/v1/tracing/addressee-suggestions", "tracing.send",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              if (auto checked = only_parameters(request, {"record_id"}); !checked.ok()) {
                return http::error_response(checked.error());
              }
              auto record_id = query_parameter(request, "record_id");
              if (!record_id || record_id->empty()) {
                return http::error_response(
                    Error::invalid("record_id", "record_id is required: ?record_id=..."));
              }
              return http::respond(
                  tracing->suggest_addressees(principal, *record_id), 200,
                  [](const tracing::AddresseeSuggestion& suggestion) {
                    json addressees = json::array();
                    for (const auto& addressee : suggestion.addressees) {
                      addressees.push_back({{"state", addressee.state},
                                            {"role", addressee.role},
                                            {"reason", addressee.reason}});
                    }
                    return json{{"addressees", addressees}, {"notes", suggestion.notes}};
                  });
            });

  request_route("POST", base + "/{id}/send", "tracing.send", 200,
                [](TracingService& service, Request& request,
                   const Principal& principal) -> Result<tracing::TracingRequest> {
                  std::optional<std::vector<std::string>> addressees;
                  if (!request.body.empty()) {
                    CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(request.body));
                    http::ObjectReader reader(object);
                    CONCORD_ASSIGN_OR_RETURN(addressees, reader.optional_strings("addressees"));
                    CONCORD_TRY(reader.finish());
                  }
                  return service.send(principal, request.path_params.at("id"), addressees);
                });

  request_route("POST", base + "/{id}/acknowledge", "tracing.respond", 200,
                [](TracingService& service, Request& request, const Principal& principal) {
                  return service.acknowledge(principal, request.path_params.at("id"));
                });

  request_route(
      "POST", base + "/{id}/information-requests", "tracing.respond", 200,
      [](TracingService& service, Request& request,
         const Principal& principal) -> Result<tracing::TracingRequest> {
        CONCORD_ASSIGN_OR_RETURN(std::string question, decode_text(request.body, "question"));
        return service.request_information(principal, request.path_params.at("id"), question);
      });

  request_route("POST", base + "/{id}/information", "tracing.send", 200,
                [](TracingService& service, Request& request,
                   const Principal& principal) -> Result<tracing::TracingRequest> {
                  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(request.body));
                  http::ObjectReader reader(object);
                  CONCORD_ASSIGN_OR_RETURN(std::string information,
                                           reader.required_string("information", 1, kMaxText));
                  CONCORD_ASSIGN_OR_RETURN(auto to_state,
                                           reader.optional_string("to_state", 1, 10));
                  CONCORD_TRY(reader.finish());
                  return service.provide_information(principal, request.path_params.at("id"),
                                                     to_state, information);
                });

  request_route("POST", base + "/{id}/start", "tracing.respond", 200,
                [](TracingService& service, Request& request, const Principal& principal) {
                  return service.start(principal, request.path_params.at("id"));
                });

  request_route("POST", base + "/{id}/answer", "tracing.respond", 200,
                [](TracingService& service, Request& request,
                   const Principal& principal) -> Result<tracing::TracingRequest> {
                  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(request.body));
                  CONCORD_ASSIGN_OR_RETURN(tracing::Answer answer,
                                           tracing::answer_from_json(object));
                  return service.answer(principal, request.path_params.at("id"), answer);
                });

  request_route("POST", base + "/{id}/decline", "tracing.respond", 200,
                [](TracingService& service, Request& request,
                   const Principal& principal) -> Result<tracing::TracingRequest> {
                  CONCORD_ASSIGN_OR_RETURN(std::string reason, decode_text(request.body, "reason"));
                  return service.decline(principal, request.path_params.at("id"), reason);
                });

  request_route("POST", base + "/{id}/forward", "tracing.respond", 200,
                [](TracingService& service, Request& request,
                   const Principal& principal) -> Result<tracing::TracingRequest> {
                  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(request.body));
                  http::ObjectReader reader(object);
                  CONCORD_ASSIGN_OR_RETURN(std::string to_state,
                                           reader.required_string("to_state", 1, 10));
                  CONCORD_ASSIGN_OR_RETURN(auto note, reader.optional_string("note", 0, kMaxText));
                  CONCORD_TRY(reader.finish());
                  return service.forward(principal, request.path_params.at("id"), to_state,
                                         note.value_or(""));
                });

  request_route("POST", base + "/{id}/close", "tracing.send", 200,
                [](TracingService& service, Request& request, const Principal& principal) {
                  return service.close(principal, request.path_params.at("id"));
                });

  add_route(router, services, "GET", base + "/{id}/messages", "tracing.read",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              return http::respond(tracing->messages(principal, request.path_params.at("id")), 200,
                                   [](const std::vector<tracing::Message>& messages) {
                                     json items = json::array();
                                     for (const auto& message : messages)
                                       items.push_back(message_json(message));
                                     return json{{"messages", items}};
                                   });
            });

  // Either party writes; the service checks the caller's side (tracing.respond for addressees).
  add_route(router, services, "POST", base + "/{id}/messages", "tracing.send",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              auto body = decode_text(request.body, "body");
              if (!body.ok()) return http::error_response(body.error());
              return http::respond(
                  tracing->add_message(principal, request.path_params.at("id"), *body), 201,
                  message_json);
            });

  add_route(router, services, "GET", base + "/{id}/attachments", "tracing.read",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              const std::string id = request.path_params.at("id");
              return http::respond(tracing->attachments(principal, id), 200,
                                   [&id](const std::vector<store::Attachment>& list) {
                                     json items = json::array();
                                     for (const auto& attachment : list)
                                       items.push_back(attachment_json(
                                           attachment, "/api/v1/tracing/requests/" + id +
                                                           "/attachments/" + attachment.id));
                                     return json{{"attachments", items}};
                                   });
            });

  add_route(
      router, services, "POST", base + "/{id}/attachments", "tracing.send",
      [tracing](Request& request, const Principal& principal) {
        if (tracing == nullptr) return unavailable();
        if (auto checked = only_parameters(request, {"filename", "description"}); !checked.ok()) {
          return http::error_response(checked.error());
        }
        auto filename = query_parameter(request, "filename");
        if (!filename || filename->empty()) {
          return http::error_response(
              Error::invalid("filename",
                             "filename is required: ?filename=photo.jpg, with the file's "
                             "bytes as the request body"));
        }
        const std::string id = request.path_params.at("id");
        std::vector<unsigned char> bytes(request.body.begin(), request.body.end());
        return http::respond(
            tracing->attach(principal, id, *filename,
                            query_parameter(request, "description").value_or(""), std::move(bytes)),
            201, [&id](const store::Attachment& attachment) {
              return attachment_json(
                  attachment, "/api/v1/tracing/requests/" + id + "/attachments/" + attachment.id);
            });
      });

  add_route(router, services, "GET", base + "/{id}/attachments/{attachment_id}", "tracing.read",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              auto found = tracing->attachment(principal, request.path_params.at("id"),
                                               request.path_params.at("attachment_id"));
              if (!found.ok()) return http::error_response(found.error());
              return attachment_download(found->first, found->second);
            });

  add_route(router, services, "GET", "/api/v1/tracing/due-date-rules", "tracing.configure",
            [tracing](Request&, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              return http::respond(tracing->due_rules(principal), 200,
                                   [](const tracing::DueRuleTable& table) {
                                     json rules = json::array(), defaults = json::array();
                                     for (const auto& rule : table.rules)
                                       rules.push_back(rule_json(rule));
                                     for (const auto& rule : table.defaults)
                                       defaults.push_back(rule_json(rule));
                                     return json{{"rules", rules}, {"defaults", defaults}};
                                   });
            });

  add_route(router, services, "PUT", "/api/v1/tracing/due-date-rules", "tracing.configure",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              auto rules = decode_rules(request.body);
              if (!rules.ok()) return http::error_response(rules.error());
              return http::respond(tracing->replace_due_rules(principal, *rules), 200,
                                   [](const tracing::DueRuleTable& table) {
                                     json items = json::array(), defaults = json::array();
                                     for (const auto& rule : table.rules)
                                       items.push_back(rule_json(rule));
                                     for (const auto& rule : table.defaults)
                                       defaults.push_back(rule_json(rule));
                                     return json{{"rules", items}, {"defaults", defaults}};
                                   });
            });

  add_route(router, services, "PUT", "/api/v1/tracing/time-zones/{state}", "tracing.configure",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              auto zone = decode_text(request.body, "time_zone");
              if (!zone.ok()) return http::error_response(zone.error());
              return http::respond(
                  tracing->set_time_zone(principal, request.path_params.at("state"), *zone), 200,
                  [](const std::pair<std::string, std::string>& saved) {
                    return json{{"state", saved.first}, {"time_zone", saved.second}};
                  });
            });

  add_route(router, services, "GET", "/api/v1/reports/timeliness", "timeliness.read",
            [tracing](Request& request, const Principal& principal) {
              if (tracing == nullptr) return unavailable();
              if (auto checked = only_parameters(request, {"from", "to"}); !checked.ok()) {
                return http::error_response(checked.error());
              }
              return http::respond(tracing->timeliness(principal, query_parameter(request, "from"),
                                                       query_parameter(request, "to")),
                                   200, tracing::timeliness_report_json);
            });
}

}  // namespace concord::api
