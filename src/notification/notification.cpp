// notify(): validation, the inbox row, and one outbox row per matching active webhook, all in the
// caller's transaction. Lookups that could fail on bad input (unknown state or user) are SELECTs
// made before any write, so a bad call returns invalid_argument without aborting the caller's
// transaction (a failed statement would).
#include "notification/notification.h"

#include "core/text.h"
#include "notification/topics.h"

namespace concord::notification {
namespace {

constexpr std::size_t kMaxSubjectLength = 100;
constexpr std::size_t kMaxSummaryLength = 500;
constexpr std::size_t kMaxPayloadBytes = 64 * 1024;

bool is_subject_type(std::string_view text) {
  if (text.empty() || text.size() > kMaxSubjectLength) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Result<void> validate_text(std::string_view text, const std::string& field,
                           std::size_t max_length) {
  if (trim(text).empty()) return Error::invalid(field, field + " is required");
  auto length = utf8_length(text);
  if (!length) return Error::invalid(field, field + " is not valid UTF-8");
  if (*length > max_length) {
    return Error::invalid(field,
                          field + " has at most " + std::to_string(max_length) + " characters");
  }
  if (has_control_characters(text) || text.find_first_of("\r\n") != std::string_view::npos) {
    return Error::invalid(field, field + " must be one line without control characters");
  }
  return ok();
}

Result<void> validate_shape(const Notification& n) {
  if (n.state.size() != 2 || !(n.state[0] >= 'A' && n.state[0] <= 'Z') ||
      !(n.state[1] >= 'A' && n.state[1] <= 'Z')) {
    return Error::invalid("state", "the recipient state is an ISO 3166-1 alpha-2 code like \"FR\"");
  }
  if (!n.user_id.empty() && !is_valid_id(n.user_id)) {
    return Error::invalid("user_id", "not a user id");
  }
  CONCORD_TRY(validate_topic(n.topic, "topic"));
  if (!is_subject_type(n.subject_type)) {
    return Error::invalid("subject_type",
                          "subject_type is required: lower-case a-z, 0-9 and _, like \"hit\"");
  }
  CONCORD_TRY(validate_text(n.subject_id, "subject_id", kMaxSubjectLength));
  CONCORD_TRY(validate_text(n.summary, "summary", kMaxSummaryLength));
  if (!n.payload.is_object()) return Error::invalid("payload", "the payload is a JSON object");
  return ok();
}

Result<void> check_recipient(store::Transaction& tx, const Notification& n) {
  CONCORD_ASSIGN_OR_RETURN(auto state,
                           tx.query("SELECT 1 FROM states WHERE alpha2 = $1", {n.state}));
  if (state.rows.empty()) return Error::invalid("state", "unknown state \"" + n.state + "\"");
  if (n.user_id.empty()) return ok();
  CONCORD_ASSIGN_OR_RETURN(auto user,
                           tx.query("SELECT state FROM users WHERE id = $1", {n.user_id}));
  if (user.rows.empty()) return Error::invalid("user_id", "unknown user " + n.user_id);
  if (user.rows[0].text(0) != n.state) {
    return Error::invalid("user_id", "user " + n.user_id + " is not a user of " + n.state);
  }
  return ok();
}

}  // namespace

nlohmann::json webhook_body(const std::string& id, const std::string& created_at,
                            const Notification& notification) {
  return {
      {"id", id},
      {"topic", notification.topic},
      {"state", notification.state},
      {"subject_type", notification.subject_type},
      {"subject_id", notification.subject_id},
      {"summary", notification.summary},
      {"payload", notification.payload},
      {"created_at", created_at},
  };
}

Result<std::string> notify(store::Transaction& transaction, IdGenerator& ids, const Clock& clock,
                           const Notification& notification) {
  CONCORD_TRY(validate_shape(notification));
  const std::string payload = notification.payload.dump();
  if (payload.size() > kMaxPayloadBytes) {
    return Error{ErrorCode::payload_too_large,
                 "the payload has at most " + std::to_string(kMaxPayloadBytes) + " bytes",
                 "payload"};
  }
  CONCORD_TRY(check_recipient(transaction, notification));
  CONCORD_ASSIGN_OR_RETURN(
      auto webhooks,
      transaction.query("SELECT id, topics FROM webhooks WHERE state = $1 AND disabled_at IS NULL "
                        "ORDER BY id",
                        {notification.state}));

  const std::string id = ids.next();
  const std::string now = format_iso8601(clock.now());
  store::Value user =
      notification.user_id.empty() ? store::Value{} : store::Value{notification.user_id};
  CONCORD_TRY(transaction.execute(
      "INSERT INTO notifications (id, state, user_id, topic, subject_type, subject_id, summary, "
      "payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {id, notification.state, user, notification.topic, notification.subject_type,
       notification.subject_id, notification.summary, payload, now}));

  std::string body;
  for (const store::Row& webhook : webhooks.rows) {
    if (!any_topic_matches(webhook.text(1), notification.topic)) continue;
    if (body.empty()) body = webhook_body(id, now, notification).dump();
    CONCORD_TRY(transaction.execute(
        "INSERT INTO webhook_deliveries (id, webhook_id, notification_id, topic, body, status, "
        "attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6)",
        {ids.next(), webhook.text(0), id, notification.topic, body, now}));
  }
  return id;
}

}  // namespace concord::notification
