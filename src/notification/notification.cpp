#include "notification/notification.h"

namespace concord::notification {

// Placeholder until the inbox and outbox land (issue 5, notifications).
Result<std::string> notify(store::Transaction& /*transaction*/, IdGenerator& ids,
                           const Clock& /*clock*/, const Notification& /*notification*/) {
  return ids.next();
}

}  // namespace concord::notification
