// WebhookDispatcher: claim, deliver, record. Each claim gets a fresh random token, so recording
// an outcome (WHERE lease_owner = token AND status = 'pending') cannot overwrite a row that
// another dispatcher claimed after this one's lease ran out, nor a delivery that was cancelled.
#include "notification/webhook_dispatcher.h"

#include <spdlog/spdlog.h>

#include "access/secret_tokens.h"
#include "notification/retry_schedule.h"
#include "notification/webhook_signature.h"

namespace concord::notification {

using store::Transaction;
using store::TransactionMode;

struct WebhookDispatcher::Claimed {
  std::string id;
  std::string webhook_id;
  std::string topic;
  std::string body;
  int attempts = 0;  // including this one
  std::string url;
  std::string secret;
  bool disabled = false;
};

namespace {

constexpr std::size_t kMaxErrorLength = 500;

std::string unix_seconds(TimePoint time) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count());
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(store::Database& db, const Clock& clock, WebhookSender& sender,
                                     DispatcherOptions options)
    : db_(db), clock_(clock), sender_(sender), options_(options) {}

WebhookDispatcher::~WebhookDispatcher() {
  stop();
}

Result<std::vector<WebhookDispatcher::Claimed>> WebhookDispatcher::claim(TimePoint now,
                                                                         const std::string& token) {
  // Idle rounds (the usual case) stay read-only, so that a node polling every second does not
  // take SQLite's write lock or a PostgreSQL row lock for nothing.
  CONCORD_ASSIGN_OR_RETURN(
      const bool any_due,
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<bool> {
        CONCORD_ASSIGN_OR_RETURN(
            auto due, tx.query("SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND "
                               "next_attempt_at <= $1 LIMIT 1",
                               {format_iso8601(now)}));
        return !due.rows.empty();
      }));
  if (!any_due) return std::vector<Claimed>{};
  const std::string lease_end = format_iso8601(now + options_.lease);
  const std::string lock =
      db_.backend() == store::Backend::postgres ? " FOR UPDATE SKIP LOCKED" : "";
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<std::vector<Claimed>> {
        CONCORD_TRY(tx.execute(
            "UPDATE webhook_deliveries SET next_attempt_at = $1, lease_owner = $2, attempts = "
            "attempts + 1 WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = "
            "'pending' AND next_attempt_at <= $3 ORDER BY next_attempt_at, id LIMIT $4" +
                lock + ")",
            {lease_end, token, format_iso8601(now), std::int64_t{options_.batch_size}}));
        CONCORD_ASSIGN_OR_RETURN(
            auto rows,
            tx.query("SELECT d.id, d.webhook_id, d.topic, d.body, d.attempts, w.url, w.secret, "
                     "w.disabled_at FROM webhook_deliveries d JOIN webhooks w ON w.id = "
                     "d.webhook_id WHERE d.lease_owner = $1 AND d.status = 'pending' ORDER BY "
                     "d.id",
                     {token}));
        std::vector<Claimed> claimed;
        for (const auto& row : rows.rows) {
          claimed.push_back({row.text(0), row.text(1), row.text(2), row.text(3),
                             static_cast<int>(row.integer(4)), row.text(5), row.text(6),
                             !row.is_null(7)});
        }
        return claimed;
      });
}

Result<void> WebhookDispatcher::record(const Claimed& delivery, const std::string& token,
                                       const WebhookResponse& response, TimePoint now,
                                       DispatchRound& round) {
  // NULL when no HTTP status came back. Built by assignment: GCC 12 at -O2 warns, wrongly, that
  // the Blob alternative may be used uninitialised when a Value is copied out of a conditional.
  store::Value status_code;
  if (response.status != 0) status_code.emplace<std::int64_t>(response.status);
  const std::string error = response.error.substr(0, kMaxErrorLength);
  std::string sql;
  std::vector<store::Value> params;
  if (response.delivered()) {
    sql =
        "UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $1, "
        "last_status_code = $2, last_error = '', lease_owner = NULL";
    params = {format_iso8601(now), status_code};
    ++round.delivered;
  } else if (delivery.attempts >= options_.max_attempts) {
    sql =
        "UPDATE webhook_deliveries SET status = 'failed', last_error = $1, "
        "last_status_code = $2, lease_owner = NULL";
    params = {error, status_code};
    ++round.failed;
    spdlog::warn("webhook delivery {} to {} failed for good after {} attempts: {}", delivery.id,
                 delivery.url, delivery.attempts, error);
  } else {
    const TimePoint next = now + retry_delay(delivery.attempts, random_jitter());
    sql =
        "UPDATE webhook_deliveries SET next_attempt_at = $1, last_error = $2, "
        "last_status_code = $3, lease_owner = NULL";
    params = {format_iso8601(next), error, status_code};
    ++round.retrying;
    spdlog::info("webhook delivery {} to {} failed (attempt {}), retrying at {}: {}", delivery.id,
                 delivery.url, delivery.attempts, format_iso8601(next), error);
  }
  params.emplace_back(delivery.id);
  params.emplace_back(token);
  sql += " WHERE id = $" + std::to_string(params.size() - 1) + " AND lease_owner = $" +
         std::to_string(params.size()) + " AND status = 'pending'";
  return store::in_transaction(db_, TransactionMode::read_write,
                               [&](Transaction& tx) -> Result<void> {
                                 CONCORD_TRY(tx.execute(sql, params));
                                 return ok();
                               });
}

Result<DispatchRound> WebhookDispatcher::run_once(TimePoint now) {
  const std::string token = access::random_token(16);
  CONCORD_ASSIGN_OR_RETURN(std::vector<Claimed> claimed, claim(now, token));
  DispatchRound round;
  round.claimed = static_cast<int>(claimed.size());
  for (const Claimed& delivery : claimed) {
    if (delivery.disabled) {
      auto cancelled = store::in_transaction(
          db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<std::int64_t> {
            return tx.execute(
                "UPDATE webhook_deliveries SET status = 'cancelled', last_error = 'subscription "
                "deleted', lease_owner = NULL WHERE id = $1 AND lease_owner = $2 AND status = "
                "'pending'",
                {delivery.id, token});
          });
      if (!cancelled.ok()) return std::move(cancelled).error();
      ++round.cancelled;
      continue;
    }
    WebhookResponse response;
    auto url = parse_webhook_url(delivery.url);
    if (!url.ok()) {
      response.error = "the stored URL is no longer acceptable: " + url.error().message;
    } else {
      const std::string timestamp = unix_seconds(now);
      WebhookRequest request;
      request.url = *url;
      request.body = delivery.body;
      request.headers = {
          {"X-Concord-Event", delivery.topic},
          {"X-Concord-Delivery", delivery.id},
          {"X-Concord-Timestamp", timestamp},
          {"X-Concord-Signature", webhook_signature(delivery.secret, timestamp, delivery.body)},
      };
      response = sender_.post(request);
    }
    CONCORD_TRY(record(delivery, token, response, now, round));
  }
  return round;
}

void WebhookDispatcher::start(std::chrono::milliseconds interval) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval] {
    std::unique_lock guard(mutex_);
    while (!stopping_) {
      guard.unlock();
      auto round = run_once(clock_.now());
      if (!round.ok()) {
        spdlog::warn("webhook dispatcher: {}", round.error().message);
      }
      const bool full = round.ok() && round->claimed == options_.batch_size;
      guard.lock();
      if (!full) wake_.wait_for(guard, interval, [this] { return stopping_; });
    }
  });
}

void WebhookDispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace concord::notification
