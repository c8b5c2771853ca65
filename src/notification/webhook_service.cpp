// WebhookService: the policy check names the state as the record's owner, so a national contact
// can act only on their own state; operators act for any state, which the policy's record rule
// would refuse ("operators get no special access to records"), so for them the action alone is
// checked.
#include "notification/webhook_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "notification/topics.h"
#include "notification/webhook_signature.h"
#include "notification/webhook_url.h"

namespace concord::notification {
namespace {

using store::Transaction;
using store::TransactionMode;

std::vector<std::string> split_topics(const std::string& text) {
  std::vector<std::string> topics;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto space = text.find(' ', start);
    const auto end = space == std::string::npos ? text.size() : space;
    if (end > start) topics.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return topics;
}

std::string join_topics(const std::vector<std::string>& topics) {
  std::string out;
  for (const auto& topic : topics) {
    if (!out.empty()) out += ' ';
    out += topic;
  }
  return out;
}

constexpr std::string_view kSelect =
    "SELECT w.id, w.state, w.url, w.topics, w.created_by, w.created_at, w.disabled_at, "
    "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND "
    "d.status = 'pending'), "
    "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND "
    "d.status = 'delivered'), "
    "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND "
    "d.status = 'failed'), "
    "(SELECT d.last_error FROM webhook_deliveries d WHERE d.webhook_id = w.id AND "
    "d.last_error <> '' ORDER BY d.id DESC LIMIT 1) "
    "FROM webhooks w ";

Webhook webhook_from_row(const store::Row& row) {
  Webhook webhook;
  webhook.id = row.text(0);
  webhook.state = row.text(1);
  webhook.url = row.text(2);
  webhook.topics = split_topics(row.text(3));
  webhook.created_by = row.text(4);
  webhook.created_at = row.text(5);
  webhook.disabled_at = row.optional_text(6);
  webhook.pending = row.integer(7);
  webhook.delivered = row.integer(8);
  webhook.failed = row.integer(9);
  webhook.last_error = row.optional_text(10).value_or("");
  return webhook;
}

Result<std::vector<std::string>> validated_topics(const std::vector<std::string>& topics) {
  if (topics.empty()) {
    return Error::invalid("topics",
                          "name at least one topic (\"hit.created\", \"tracing.*\", or "
                          "\"*\" for all)");
  }
  if (topics.size() > kMaxTopicPatterns) {
    return Error::invalid("topics", "at most " + std::to_string(kMaxTopicPatterns) + " topics");
  }
  std::vector<std::string> unique;
  for (std::size_t i = 0; i < topics.size(); ++i) {
    CONCORD_TRY(validate_topic_pattern(topics[i], "topics[" + std::to_string(i) + "]"));
    if (std::find(unique.begin(), unique.end(), topics[i]) == unique.end()) {
      unique.push_back(topics[i]);
    }
  }
  return unique;
}

}  // namespace

Result<std::string> WebhookService::managed_state(const access::Principal& actor,
                                                  const std::string& state) {
  std::string target = state;
  if (target.empty()) {
    if (!actor.state) {
      CONCORD_TRY(access::authorize(actor, "webhooks.manage"));
      return Error::invalid("state", "name the state whose webhooks these are");
    }
    target = *actor.state;
  }
  if (actor.has(access::Role::operator_)) {
    CONCORD_TRY(access::authorize(actor, "webhooks.manage"));
  } else {
    access::RecordAccess record{target, access::Sharing::private_, {}};
    CONCORD_TRY(access::authorize(actor, "webhooks.manage", &record));
  }
  return target;
}

Result<CreatedWebhook> WebhookService::subscribe(const access::Principal& actor,
                                                 const NewWebhook& input) {
  CONCORD_ASSIGN_OR_RETURN(std::string state, managed_state(actor, input.state));
  CONCORD_ASSIGN_OR_RETURN(WebhookUrl url, parse_webhook_url(input.url, "url"));
  CONCORD_ASSIGN_OR_RETURN(std::vector<std::string> topics, validated_topics(input.topics));

  CreatedWebhook created;
  created.secret = new_webhook_secret();
  Webhook& webhook = created.webhook;
  webhook.id = ids_.next();
  webhook.state = state;
  webhook.url = url.text;
  webhook.topics = topics;
  webhook.created_by = actor.user_id.empty() ? actor.username : actor.user_id;
  webhook.created_at = format_iso8601(clock_.now());

  auto stored =
      store::in_transaction(db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<void> {
        CONCORD_ASSIGN_OR_RETURN(auto known,
                                 tx.query("SELECT 1 FROM states WHERE alpha2 = $1", {state}));
        if (known.rows.empty()) return Error::invalid("state", "unknown state \"" + state + "\"");
        CONCORD_ASSIGN_OR_RETURN(auto active,
                                 tx.query("SELECT COUNT(*) FROM webhooks WHERE state = $1 AND "
                                          "disabled_at IS NULL",
                                          {state}));
        if (active.rows.at(0).integer(0) >= static_cast<std::int64_t>(kMaxActiveWebhooksPerState)) {
          return Error{ErrorCode::conflict,
                       state + " already has " + std::to_string(kMaxActiveWebhooksPerState) +
                           " webhooks; delete one first",
                       "url"};
        }
        CONCORD_TRY(tx.execute(
            "INSERT INTO webhooks (id, state, url, topics, secret, created_by, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {webhook.id, state, webhook.url, join_topics(topics), created.secret,
             webhook.created_by, webhook.created_at}));
        access::AuditEvent event;
        event.action = "webhooks.manage";
        event.target_kind = "webhook";
        event.target_id = webhook.id;
        event.target_state = state;
        event.details =
            nlohmann::json{{"change", "subscribe"}, {"url", webhook.url}, {"topics", topics}}
                .dump();
        return audit_.record(tx, actor, event);
      });
  if (!stored.ok()) return std::move(stored).error();
  return created;
}

Result<std::vector<Webhook>> WebhookService::list(const access::Principal& actor,
                                                  const std::string& state, bool include_disabled) {
  CONCORD_ASSIGN_OR_RETURN(std::string target, managed_state(actor, state));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<Webhook>> {
        CONCORD_ASSIGN_OR_RETURN(
            auto rows, tx.query(std::string(kSelect) + "WHERE w.state = $1" +
                                    (include_disabled ? "" : " AND w.disabled_at IS NULL") +
                                    " ORDER BY w.id DESC",
                                {target}));
        std::vector<Webhook> webhooks;
        for (const auto& row : rows.rows)
          webhooks.push_back(webhook_from_row(row));
        return webhooks;
      });
}

Result<Webhook> WebhookService::disable(const access::Principal& actor, const std::string& id) {
  CONCORD_TRY(access::authorize(actor, "webhooks.manage"));
  if (!is_valid_id(id)) return Error::invalid("id", "not a webhook id");
  const std::string now = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<Webhook> {
        CONCORD_ASSIGN_OR_RETURN(auto found,
                                 tx.query(std::string(kSelect) + "WHERE w.id = $1", {id}));
        if (found.rows.empty()) return Error::not_found("id", "no such webhook");
        Webhook webhook = webhook_from_row(found.rows[0]);
        // Another state's contact is refused like any other caller without the right (the ids
        // are unguessable, so the refusal reveals nothing worth hiding).
        CONCORD_TRY(managed_state(actor, webhook.state));
        if (webhook.disabled_at) return webhook;
        CONCORD_TRY(tx.execute("UPDATE webhooks SET disabled_at = $1 WHERE id = $2", {now, id}));
        CONCORD_ASSIGN_OR_RETURN(
            std::int64_t cancelled,
            tx.execute("UPDATE webhook_deliveries SET status = 'cancelled', last_error = "
                       "'subscription deleted' WHERE webhook_id = $1 AND status = 'pending'",
                       {id}));
        access::AuditEvent event;
        event.action = "webhooks.manage";
        event.target_kind = "webhook";
        event.target_id = id;
        event.target_state = webhook.state;
        event.details =
            nlohmann::json{{"change", "delete"}, {"cancelled_deliveries", cancelled}}.dump();
        CONCORD_TRY(audit_.record(tx, actor, event));
        webhook.disabled_at = now;
        webhook.pending = 0;
        return webhook;
      });
}

}  // namespace concord::notification
