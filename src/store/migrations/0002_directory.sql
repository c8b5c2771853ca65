-- The directory: states from ISO 3166-1 (synchronised from iso-codes after each migrate) and the
-- organisations that take part.
CREATE TABLE states (
  alpha2 TEXT PRIMARY KEY,
  alpha3 TEXT NOT NULL UNIQUE,
  numeric_code TEXT NOT NULL,
  name TEXT NOT NULL,
  official_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE, -- the name folded for case-insensitive uniqueness
  acronym TEXT,
  kind TEXT NOT NULL,
  headquarters TEXT REFERENCES states (alpha2),
  website TEXT,
  created_at TEXT NOT NULL
);
