// WebhookService: a state's webhook subscriptions. A national contact manages their own state's,
// an operator any state's (action webhooks.manage, checked here with the state as the record's
// owner). The signing secret is generated here and returned once, by subscribe(); listings never
// show it. Deleting a subscription disables it (so past deliveries keep naming it) and cancels its
// pending deliveries. Every change is audited. Thread-safe: holds no mutable state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::notification {

constexpr std::size_t kMaxActiveWebhooksPerState = 20;

struct NewWebhook {
  std::string state;  // "" for the caller's own state
  std::string url;
  std::vector<std::string> topics;  // "hit.created", "tracing.*" or "*"
};

struct Webhook {
  std::string id;
  std::string state;
  std::string url;
  std::vector<std::string> topics;
  std::string created_by;
  std::string created_at;
  std::optional<std::string> disabled_at;
  // Deliveries of this subscription by status, for the listing.
  std::int64_t pending = 0;
  std::int64_t delivered = 0;
  std::int64_t failed = 0;
  std::string last_error;  // of the most recent failed attempt, "" when none
};

struct CreatedWebhook {
  Webhook webhook;
  std::string secret;  // shown once: the HMAC key for X-Concord-Signature
};

class WebhookService {
 public:
  // References must outlive the service.
  WebhookService(store::Database& db, const Clock& clock, IdGenerator& ids,
                 const access::AuditTrail& audit)
      : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

  // invalid_argument naming "state", "url" or "topics[i]"; conflict when the state already has
  // kMaxActiveWebhooksPerState active subscriptions.
  Result<CreatedWebhook> subscribe(const access::Principal& actor, const NewWebhook& input);

  // The subscriptions of `state` ("" for the caller's own), newest first, disabled ones included
  // when `include_disabled`.
  Result<std::vector<Webhook>> list(const access::Principal& actor, const std::string& state,
                                    bool include_disabled = false);

  // not_found (field "id") for an unknown id; permission_denied for another state's subscription
  // (unless an operator). Disabling twice is harmless and returns the subscription as it is.
  Result<Webhook> disable(const access::Principal& actor, const std::string& id);

 private:
  Result<std::string> managed_state(const access::Principal& actor, const std::string& state);

  store::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::notification
