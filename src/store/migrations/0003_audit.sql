-- The audit trail: an append-only, hash-chained record of every change and of every read of a
-- confidential record (access/audit_trail.h). Each row's hash covers its content and the previous
-- row's hash, so an edited, removed or reordered row breaks the chain at that row. The sequence is
-- assigned by AuditTrail::record() as last + 1 under a lock, never by the identity default, so a
-- rolled-back entry leaves no gap that verification would mistake for a removed row.
CREATE TABLE audit_log (
  sequence {{sequence_key}},
  recorded_at TEXT NOT NULL,       -- ISO 8601 UTC with milliseconds, so text order is time order
  actor_user_id TEXT NOT NULL,     -- empty for anonymous and system actors
  actor_username TEXT NOT NULL,
  actor_state TEXT,
  action TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  target_state TEXT,
  outcome TEXT NOT NULL,           -- success, denied, failed
  client_address TEXT NOT NULL,
  request_id TEXT NOT NULL,
  details TEXT NOT NULL,           -- compact JSON object text
  previous_hash TEXT NOT NULL,     -- hex BLAKE2b-256; 64 zeros for the first entry
  hash TEXT NOT NULL
);

CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);
CREATE INDEX audit_log_state_time ON audit_log (target_state, recorded_at);
CREATE INDEX audit_log_time ON audit_log (recorded_at);
