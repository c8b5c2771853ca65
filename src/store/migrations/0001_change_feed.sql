-- The change feed: every write that other nodes must see, in commit order. Positions are never
-- reused (AUTOINCREMENT / IDENTITY), so a follower can remember "the last position I have seen".
-- Appends and reads go through store/change_feed.h.
CREATE TABLE change_feed (
  position {{sequence_key}},
  recorded_at TEXT NOT NULL,
  area TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  payload TEXT NOT NULL
);
