// NotificationServices: the inbox and webhook services together, as the API and the composition
// root hold them. The dispatcher is separate: it runs in `serve` only.
#pragma once

#include "access/audit_trail.h"
#include "core/clock.h"
#include "core/id.h"
#include "notification/inbox_service.h"
#include "notification/webhook_service.h"
#include "store/database.h"

namespace concord::notification {

struct NotificationServices {
  // References must outlive the services.
  NotificationServices(store::Database& db, const Clock& clock, IdGenerator& ids,
                       const access::AuditTrail& audit)
      : inbox(db, clock), webhooks(db, clock, ids, audit) {}

  InboxService inbox;
  WebhookService webhooks;
};

}  // namespace concord::notification
