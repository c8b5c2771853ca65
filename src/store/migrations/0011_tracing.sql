-- Tracing requests (tracing/tracing_store.h): the request with its contents and, once sent, a
-- snapshot of the weapon; one leg per addressed state with its own lifecycle, due dates and reply
-- (forwarding adds a leg); the message thread; the due-date rules operators edit; each state's
-- time zone for due dates; and the reminders already sent, so each goes out at most once.
-- Timestamps are ISO 8601 UTC text with milliseconds, which sorts and compares as time.
CREATE TABLE tracing_requests (
  id TEXT PRIMARY KEY,                                       -- ULID
  requesting_state TEXT NOT NULL REFERENCES states (alpha2),
  record_id TEXT NOT NULL REFERENCES weapons (id),
  hit_id TEXT,                                               -- the cross-check hit it comes from
  status TEXT NOT NULL,                                      -- tracing::RequestStatus name
  priority TEXT NOT NULL,                                    -- routine, urgent
  urgency_justification TEXT NOT NULL DEFAULT '',
  illicit_nature TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  circumstances TEXT NOT NULL,
  intended_use TEXT NOT NULL,
  confidentiality TEXT NOT NULL DEFAULT '',
  weapon_snapshot TEXT,                                      -- JSON copied at sending
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT '',
  closed_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tracing_requests_by_requesting_state ON tracing_requests (requesting_state, id);

CREATE TABLE tracing_legs (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES tracing_requests (id),
  position INTEGER NOT NULL,
  from_state TEXT NOT NULL REFERENCES states (alpha2),
  to_state TEXT NOT NULL REFERENCES states (alpha2),
  forwarded_from TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,                                      -- tracing::LegStatus name
  role TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  sent_at TEXT NOT NULL DEFAULT '',
  acknowledged_at TEXT NOT NULL DEFAULT '',
  information_requested_at TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL DEFAULT '',
  concluded_at TEXT NOT NULL DEFAULT '',
  closed_at TEXT NOT NULL DEFAULT '',
  acknowledge_due_at TEXT NOT NULL DEFAULT '',
  answer_due_at TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT '',
  answer TEXT,                                               -- JSON (tracing/answer_json.h)
  decline_reason TEXT NOT NULL DEFAULT '',
  forward_note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (request_id, to_state)                              -- a state is asked once per request
);
CREATE INDEX tracing_legs_by_addressee ON tracing_legs (to_state, status);
CREATE INDEX tracing_legs_by_status_and_due ON tracing_legs (status, answer_due_at);

CREATE TABLE tracing_messages (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES tracing_requests (id),
  kind TEXT NOT NULL,                                        -- tracing::MessageKind name
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX tracing_messages_by_request ON tracing_messages (request_id, id);

-- '' in priority, from_state or to_state matches any; the most specific matching rule wins.
CREATE TABLE tracing_due_rules (
  kind TEXT NOT NULL,                                        -- acknowledge, answer
  priority TEXT NOT NULL DEFAULT '',
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  within TEXT NOT NULL,                                      -- ISO 8601 PnD or PnM
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, priority, from_state, to_state)
);

CREATE TABLE tracing_time_zones (
  state TEXT PRIMARY KEY REFERENCES states (alpha2),
  time_zone TEXT NOT NULL,                                   -- IANA name; UTC when absent
  updated_at TEXT NOT NULL
);

CREATE TABLE tracing_reminders (
  leg_id TEXT NOT NULL REFERENCES tracing_legs (id),
  due_kind TEXT NOT NULL,                                    -- acknowledge, answer
  reminder TEXT NOT NULL,                                    -- before_due, overdue
  due_at TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (leg_id, due_kind, reminder)
);
