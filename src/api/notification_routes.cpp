// The notification routes: a user's inbox (their own entries and their state's) and a state's
// webhook subscriptions. Handlers decode, call notification::NotificationServices, and encode.
#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "notification/notification_services.h"

namespace concord::api {
namespace {

using access::Principal;
using notification::InboxEntry;
using notification::Webhook;

json entry_json(const InboxEntry& entry) {
  return {{"id", entry.id},
          {"state", entry.state},
          {"user_id", entry.user_id.empty() ? json() : json(entry.user_id)},
          {"topic", entry.topic},
          {"subject_type", entry.subject_type},
          {"subject_id", entry.subject_id},
          {"summary", entry.summary},
          {"payload", json(entry.payload)},
          {"created_at", entry.created_at},
          {"read_at", optional_json(entry.read_at)}};
}

json webhook_json(const Webhook& webhook) {
  return {{"id", webhook.id},
          {"state", webhook.state},
          {"url", webhook.url},
          {"topics", webhook.topics},
          {"created_by", webhook.created_by},
          {"created_at", webhook.created_at},
          {"disabled_at", optional_json(webhook.disabled_at)},
          {"deliveries",
           {{"pending", webhook.pending},
            {"delivered", webhook.delivered},
            {"failed", webhook.failed}}},
          {"last_error", webhook.last_error.empty() ? json() : json(webhook.last_error)}};
}

// ?name=true|false; absent gives false.
Result<bool> bool_parameter(const http::Request& request, const std::string& name) {
  const auto value = query_parameter(request, name);
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  return Error::invalid(name, name + " is true or false");
}

Result<notification::InboxQuery> decode_inbox_query(const http::Request& request) {
  notification::InboxQuery query;
  CONCORD_ASSIGN_OR_RETURN(query.limit, limit_parameter(request, 50, notification::kMaxInboxPage));
  query.after = query_parameter(request, "after").value_or("");
  CONCORD_ASSIGN_OR_RETURN(query.unread_only, bool_parameter(request, "unread_only"));
  query.topic = query_parameter(request, "topic").value_or("");
  return query;
}

Result<notification::NewWebhook> decode_new_webhook(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  notification::NewWebhook input;
  CONCORD_ASSIGN_OR_RETURN(auto state, reader.optional_string("state", 1, 10));
  input.state = state.value_or("");
  CONCORD_ASSIGN_OR_RETURN(input.url, reader.required_string("url", 1, 10000));
  CONCORD_ASSIGN_OR_RETURN(auto topics, reader.optional_value("topics"));
  if (!topics) return Error::invalid("topics", "topics is required: a list of topic patterns");
  if (!topics->is_array()) return Error::invalid("topics", "topics is a list of strings");
  for (std::size_t i = 0; i < topics->size(); ++i) {
    if (!(*topics)[i].is_string()) {
      return Error::invalid("topics[" + std::to_string(i) + "]", "a topic pattern is a string");
    }
    input.topics.push_back((*topics)[i].get<std::string>());
  }
  CONCORD_TRY(reader.finish());
  return input;
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("notifications are not served by this node"));
}

}  // namespace

void add_notification_routes(http::Router& router, const Services& services) {
  notification::NotificationServices* notifications = services.notifications;

  add_route(router, services, "GET", "/api/v1/inbox", "inbox.read",
            [notifications](http::Request& request, const Principal& caller) {
              if (notifications == nullptr) return unavailable();
              auto query = decode_inbox_query(request);
              if (!query.ok()) return http::error_response(query.error());
              auto page = notifications->inbox.list(caller, *query);
              if (!page.ok()) return http::error_response(page.error());
              auto unread = notifications->inbox.count_unread(caller);
              return http::respond(unread, 200, [&](std::int64_t count) {
                json entries = json::array();
                for (const auto& entry : page->entries)
                  entries.push_back(entry_json(entry));
                return json{{"entries", entries},
                            {"next_after", optional_json(page->next_after)},
                            {"unread", count}};
              });
            });

  add_route(router, services, "POST", "/api/v1/inbox/read-all", "inbox.mark_read",
            [notifications](http::Request&, const Principal& caller) {
              if (notifications == nullptr) return unavailable();
              return http::respond(notifications->inbox.mark_all_read(caller), 200,
                                   [](std::int64_t marked) {
                                     return json{{"marked", marked}};
                                   });
            });

  add_route(router, services, "POST", "/api/v1/inbox/{id}/read", "inbox.mark_read",
            [notifications](http::Request& request, const Principal& caller) {
              if (notifications == nullptr) return unavailable();
              return http::respond(
                  notifications->inbox.mark_read(caller, request.path_params.at("id")), 200,
                  entry_json);
            });

  add_route(router, services, "GET", "/api/v1/webhooks", "webhooks.manage",
            [notifications](http::Request& request, const Principal& caller) {
              if (notifications == nullptr) return unavailable();
              auto include_disabled = bool_parameter(request, "include_disabled");
              if (!include_disabled.ok()) return http::error_response(include_disabled.error());
              return http::respond(
                  notifications->webhooks.list(
                      caller, query_parameter(request, "state").value_or(""), *include_disabled),
                  200, [](const std::vector<Webhook>& webhooks) {
                    json list = json::array();
                    for (const auto& webhook : webhooks)
                      list.push_back(webhook_json(webhook));
                    return json{{"webhooks", list}};
                  });
            });

  add_route(router, services, "POST", "/api/v1/webhooks", "webhooks.manage",
            [notifications](http::Request& request, const Principal& caller) {
              if (notifications == nullptr) return unavailable();
              auto input = decode_new_webhook(request.body);
              if (!input.ok()) return http::error_response(input.error());
              auto created = notifications->webhooks.subscribe(caller, *input);
              auto response =
                  http::respond(created, 201, [](const notification::CreatedWebhook& webhook) {
                    json body = webhook_json(webhook.webhook);
                    body["secret"] = webhook.secret;  // shown once
                    return body;
                  });
              if (created.ok()) {
                response.headers.emplace_back("Location",
                                              "/api/v1/webhooks/" + created->webhook.id);
              }
              return response;
            });

  add_route(router, services, "DELETE", "/api/v1/webhooks/{id}", "webhooks.manage",
            [notifications](http::Request& request, const Principal& caller) {
              if (notifications == nullptr) return unavailable();
              return http::respond(
                  notifications->webhooks.disable(caller, request.path_params.at("id")), 200,
                  webhook_json);
            });
}

}  // namespace concord::api
