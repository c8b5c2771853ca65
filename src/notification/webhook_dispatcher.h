// WebhookDispatcher: delivers the outbox (webhook_deliveries) that notify() fills. Each round
// claims up to batch_size due rows (status 'pending', next_attempt_at <= now) by moving their
// next_attempt_at to the end of a lease and stamping a claim token: on PostgreSQL with
// FOR UPDATE SKIP LOCKED, on SQLite inside one write transaction, so several dispatchers (app
// nodes) on one database never claim the same row. A claimed row is POSTed, signed (see
// webhook_signature.h), and then marked delivered (2xx), rescheduled with back-off
// (retry_schedule.h), or failed after max_attempts, keeping the last error. A node that dies
// mid-delivery leaves the row due again when its lease ends, so nothing is lost; a receiver may
// then see a delivery twice and should dedupe on X-Concord-Delivery. All state is in the table.
//
// Thread-safe: run_once() may be called from several threads or processes; start() runs rounds on
// a thread of its own until stop() (or destruction).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/result.h"
#include "notification/webhook_sender.h"
#include "store/database.h"

namespace concord::notification {

struct DispatcherOptions {
  int max_attempts = 12;  // then the delivery is 'failed'
  int batch_size = 10;    // rows claimed per round
  // How long a claim holds a row. Longer than batch_size deliveries at the sender's timeouts, so
  // that a live dispatcher never loses its claim mid-round.
  std::chrono::milliseconds lease{std::chrono::minutes(5)};
};

struct DispatchRound {
  int claimed = 0;
  int delivered = 0;
  int retrying = 0;   // failed this time, tried again later
  int failed = 0;     // failed for the last time
  int cancelled = 0;  // the subscription was deleted meanwhile
};

class WebhookDispatcher {
 public:
  // References must outlive the dispatcher.
  WebhookDispatcher(store::Database& db, const Clock& clock, WebhookSender& sender,
                    DispatcherOptions options = {});
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  // One round at time `now`: claims, delivers and records. Fails only when the database does.
  Result<DispatchRound> run_once(TimePoint now);
  Result<DispatchRound> run_once() { return run_once(clock_.now()); }

  // Runs rounds every `interval` (at once again after a full batch) on a background thread.
  void start(std::chrono::milliseconds interval);
  // Finishes the delivery in progress, if any, and joins the thread. Idempotent.
  void stop();

 private:
  struct Claimed;
  Result<std::vector<Claimed>> claim(TimePoint now, const std::string& token);
  Result<void> record(const Claimed& delivery, const std::string& token,
                      const WebhookResponse& response, TimePoint now, DispatchRound& round);

  store::Database& db_;
  const Clock& clock_;
  WebhookSender& sender_;
  DispatcherOptions options_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace concord::notification
