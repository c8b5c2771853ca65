-- The weapon reference table (registry/weapon_reference_store.h), in the manner of the INTERPOL
-- Firearms Reference Table: makes with codes and aliases, calibres with aliases, models of a make
-- with their default calibre, and pairs of models often confused. Aliases are a JSON array of
-- strings. name_key is the matching key of the name (registry/weapon_reference_table.h), so names
-- are unique whatever their case, spacing and punctuation; the service also keeps every code and
-- alias key to one owner. reference_state holds one row, bumped by every write: `stamp` is a
-- fresh id per write, so a node can tell whether its cached copy of the table is current.
CREATE TABLE reference_makes (
  id TEXT PRIMARY KEY,                 -- ULID
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',    -- ISO 3166-1 alpha-2 or ''
  aliases TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE reference_calibres (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  aliases TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE reference_models (
  id TEXT PRIMARY KEY,
  make_id TEXT NOT NULL REFERENCES reference_makes (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  weapon_type TEXT NOT NULL DEFAULT '',
  calibre_id TEXT REFERENCES reference_calibres (id),
  aliases TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (make_id, name_key)
);

CREATE TABLE reference_lookalikes (
  model_id TEXT NOT NULL REFERENCES reference_models (id),
  other_model_id TEXT NOT NULL REFERENCES reference_models (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (model_id, other_model_id),
  CHECK (model_id < other_model_id)
);

CREATE TABLE reference_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL,
  stamp TEXT NOT NULL
);
INSERT INTO reference_state (id, version, stamp) VALUES (1, 0, '');
