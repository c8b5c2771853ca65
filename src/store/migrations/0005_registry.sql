-- The registry (registry/weapon_store.h): weapons as states report them (registry entries and lost,
-- stolen, seized, found ... reports), with markings kept exactly as read. A state's own reference
-- (external_id) is unique within that state, which is what makes imports idempotent. Empty text
-- means "not given"; only the year is NULL when unknown. Pages are read in id order through the
-- primary key.
CREATE TABLE weapons (
  id TEXT PRIMARY KEY,                    -- ULID
  external_id TEXT NOT NULL,
  kind TEXT NOT NULL,                     -- registry::RecordKind name
  state TEXT NOT NULL REFERENCES states (alpha2),
  weapon_type TEXT NOT NULL DEFAULT '',
  make TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  calibre TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL DEFAULT '',
  other_markings TEXT NOT NULL DEFAULT '',
  country_of_manufacture TEXT NOT NULL DEFAULT '',  -- ISO 3166-1 alpha-2 or ''
  year_of_manufacture INTEGER,
  reported_at TEXT NOT NULL DEFAULT '',   -- ISO 8601 date or date-time, as the state gave it
  sharing TEXT NOT NULL,                  -- access::Sharing name
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (state, external_id)
);
