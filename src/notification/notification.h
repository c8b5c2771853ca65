// notify(): how any area tells people that something happened. A notification lands in an inbox
// (a state's, or one user's) and, for each webhook of the recipient state subscribed to its topic,
// in the durable outbox that webhook_dispatcher.h delivers from. Both are written inside the
// caller's transaction, so a notification exists exactly when the change it reports committed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::notification {

struct Notification {
  std::string state;         // the recipient state, ISO 3166-1 alpha-2
  std::string user_id;       // "" for the state's inbox (all its users); a user id for one user
  std::string topic;         // "hit.created", "tracing.received", "tracing.overdue", ...
  std::string subject_type;  // "hit", "tracing_request", "weapon"
  std::string subject_id;
  // One line, and the payload: both hold only what the recipient state may see.
  std::string summary;
  nlohmann::json payload = nlohmann::json::object();
};

// Validates (state, topic, subject and summary are required: invalid_argument naming the field),
// stores the inbox entry and queues one outbox delivery per matching webhook. Returns the
// notification's id.
Result<std::string> notify(store::Transaction& transaction, IdGenerator& ids, const Clock& clock,
                           const Notification& notification);

// The JSON a webhook receives for a notification: id (the notification's), topic, state,
// subject_type, subject_id, summary, payload and created_at.
nlohmann::json webhook_body(const std::string& id, const std::string& created_at,
                            const Notification& notification);

}  // namespace concord::notification
