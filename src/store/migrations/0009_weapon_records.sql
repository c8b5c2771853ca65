-- Weapon records as police gun files keep them (registry/record_service.h): the identity as
-- entered and as normalised against the reference table, every typed marking, the sharing rule,
-- the record's status and validation, its history, and attachments (store/attachment_store.h).
-- Timestamps are ISO 8601 UTC text with milliseconds, so they compare correctly as strings; empty
-- text means "not given". Ids are ULIDs, so id order is time order.
ALTER TABLE weapons ADD COLUMN make_normalised TEXT NOT NULL DEFAULT '';
ALTER TABLE weapons ADD COLUMN model_normalised TEXT NOT NULL DEFAULT '';
ALTER TABLE weapons ADD COLUMN calibre_normalised TEXT NOT NULL DEFAULT '';
-- For sharing "named_states": the states named, as alpha-2 codes separated by commas.
ALTER TABLE weapons ADD COLUMN shared_with TEXT NOT NULL DEFAULT '';
ALTER TABLE weapons ADD COLUMN status TEXT NOT NULL DEFAULT 'active';  -- registry::RecordStatus
ALTER TABLE weapons ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';  -- why cleared or cancelled
ALTER TABLE weapons ADD COLUMN located_place TEXT NOT NULL DEFAULT '';
ALTER TABLE weapons ADD COLUMN located_on TEXT NOT NULL DEFAULT '';     -- ISO 8601 date or date-time
ALTER TABLE weapons ADD COLUMN located_by TEXT NOT NULL DEFAULT '';     -- agency or officer
ALTER TABLE weapons ADD COLUMN confirmed_at TEXT NOT NULL DEFAULT '';   -- last validation
-- Bumped by every transaction, for optimistic checks and ETags.
ALTER TABLE weapons ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE INDEX weapons_state_status ON weapons (state, status, id);

-- Every marking of a record, typed and exactly as read, in the record's order (serials frame or
-- receiver first, then slide, then barrel: marking::component_rank).
CREATE TABLE weapon_markings (
  weapon_id TEXT NOT NULL REFERENCES weapons (id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,                     -- marking::MarkingKind name
  component TEXT NOT NULL,                -- marking::Component name
  text TEXT NOT NULL,                     -- as read; '?' for what could not be read
  condition TEXT NOT NULL,                -- marking::Condition name
  restoration_method TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (weapon_id, position)
);

-- One row per transaction on a record: what was done, by whom, and the record as it was after.
CREATE TABLE weapon_history (
  id TEXT PRIMARY KEY,                    -- ULID
  weapon_id TEXT NOT NULL REFERENCES weapons (id),
  action TEXT NOT NULL,                   -- enter, modify, locate, clear, cancel, confirm, import
  actor_user_id TEXT NOT NULL DEFAULT '',
  actor_username TEXT NOT NULL DEFAULT '',
  actor_state TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,                   -- the record's status after
  reason TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  record TEXT NOT NULL                    -- the record after, as JSON
);
CREATE INDEX weapon_history_weapon ON weapon_history (weapon_id, id);

-- When each state was last reminded of records due for validation, so a sweep reminds at most
-- once per validation period.
CREATE TABLE weapon_validation_reminders (
  state TEXT PRIMARY KEY REFERENCES states (alpha2),
  reminded_at TEXT NOT NULL
);

-- Photos and documents of a weapon record or a tracing request, bytes and all.
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,                    -- ULID
  owner_type TEXT NOT NULL,               -- "weapon" or "tracing_request"
  owner_id TEXT NOT NULL,
  state TEXT NOT NULL REFERENCES states (alpha2),
  filename TEXT NOT NULL,                 -- sanitised
  description TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL,             -- detected from the bytes
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,                   -- hex
  created_at TEXT NOT NULL,
  bytes {{blob}} NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_type, owner_id, id);
