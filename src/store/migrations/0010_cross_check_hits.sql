-- Cross-check hits (registry/hit_store.h): a pair of weapon records whose markings read as the same
-- weapon, found by the continuous cross-check (registry/cross_checker.h). A pair is stored once,
-- whichever record was checked first and however many nodes checked it: (record_low, record_high)
-- is the pair with the smaller id first, and inserts use ON CONFLICT DO NOTHING. Each side (record)
-- has its own review, made by its owning state. Timestamps are ISO 8601 UTC text; ids are ULIDs,
-- so "newest first" is "id descending".
CREATE TABLE cross_check_hits (
  id TEXT PRIMARY KEY,
  record_low TEXT NOT NULL,
  record_high TEXT NOT NULL,
  -- The record whose check found the pair, and the one it found.
  query_record_id TEXT NOT NULL,
  query_state TEXT NOT NULL,
  query_kind TEXT NOT NULL,
  query_marking TEXT NOT NULL,            -- the marking of the query record, as read
  query_status TEXT NOT NULL DEFAULT 'new',  -- new, confirmed, dismissed
  query_note TEXT NOT NULL DEFAULT '',
  query_reviewed_by TEXT NOT NULL DEFAULT '',
  query_reviewed_at TEXT NOT NULL DEFAULT '',
  matched_record_id TEXT NOT NULL,
  matched_state TEXT NOT NULL,
  matched_kind TEXT NOT NULL,
  matched_marking TEXT NOT NULL,
  matched_status TEXT NOT NULL DEFAULT 'new',
  matched_note TEXT NOT NULL DEFAULT '',
  matched_reviewed_by TEXT NOT NULL DEFAULT '',
  matched_reviewed_at TEXT NOT NULL DEFAULT '',
  score DOUBLE PRECISION NOT NULL,        -- in [0, 1]: the weaker of the two readings
  created_at TEXT NOT NULL,
  UNIQUE (record_low, record_high)
);
CREATE INDEX cross_check_hits_query_state ON cross_check_hits (query_state, id);
CREATE INDEX cross_check_hits_matched_state ON cross_check_hits (matched_state, id);
CREATE INDEX cross_check_hits_record_high ON cross_check_hits (record_high);

-- How far the cross-check has read the change feed: every weapon change at or before `position`
-- has been checked. Shared by every node, moved forward only.
CREATE TABLE cross_check_cursor (
  name TEXT PRIMARY KEY,
  position BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO cross_check_cursor (name, position, updated_at) VALUES ('hits', 0, '');
