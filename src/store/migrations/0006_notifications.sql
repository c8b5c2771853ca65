-- Notifications (notification/notification.h): inbox entries for a state (seen by its
-- law-enforcement users) or for one user, who has read what (per user, so one officer reading a
-- state entry leaves it unread for the others), webhook subscriptions of a state, and the durable
-- outbox of webhook deliveries that notification/webhook_dispatcher.h works through. Timestamps are
-- ISO 8601 UTC text with milliseconds, so they compare correctly as strings. Ids are ULIDs, so
-- "newest first" is "id descending".
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  user_id TEXT REFERENCES users (id),     -- NULL: the state's inbox
  topic TEXT NOT NULL,                    -- "hit.created", "tracing.received", ...
  subject_type TEXT NOT NULL,             -- "hit", "tracing_request", "weapon"
  subject_id TEXT NOT NULL,
  summary TEXT NOT NULL,
  payload TEXT NOT NULL,                  -- a JSON object
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_state ON notifications (state, id);
CREATE INDEX notifications_user ON notifications (user_id, id);

CREATE TABLE notification_reads (
  notification_id TEXT NOT NULL REFERENCES notifications (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  read_at TEXT NOT NULL,
  PRIMARY KEY (user_id, notification_id)
);

CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL REFERENCES states (alpha2),
  url TEXT NOT NULL,
  topics TEXT NOT NULL,                   -- space-separated: "hit.created tracing.*" or "*"
  -- The HMAC key in hex. Stored raw because the server must sign with it; shown once at creation.
  secret TEXT NOT NULL,
  created_by TEXT NOT NULL,               -- the user id, or the system principal's name
  created_at TEXT NOT NULL,
  disabled_at TEXT                        -- deleting a subscription disables it
);
CREATE INDEX webhooks_state ON webhooks (state);

-- One row per (notification, webhook). A row is due when status = 'pending' and
-- next_attempt_at <= now. A dispatcher claims a row by moving next_attempt_at to the end of its
-- lease and setting lease_owner, so a node that dies mid-delivery leaves the row due again when
-- the lease ends: nothing is lost, at worst a delivery is repeated (receivers dedupe on its id).
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL REFERENCES webhooks (id),
  notification_id TEXT NOT NULL REFERENCES notifications (id),
  topic TEXT NOT NULL,
  body TEXT NOT NULL,                     -- the exact JSON that is signed and sent
  status TEXT NOT NULL,                   -- pending, delivered, failed, cancelled
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  last_status_code INTEGER,               -- the receiver's last HTTP status, NULL if none came
  delivered_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
