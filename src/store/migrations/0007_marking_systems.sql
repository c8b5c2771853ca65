-- National marking systems (PoA III.12): every version a state has published, kept whole. The
-- latest version of a state is the one decoding uses; earlier ones stay readable.
CREATE TABLE marking_systems (
  state TEXT NOT NULL REFERENCES states (alpha2),
  version INTEGER NOT NULL CHECK (version >= 1),
  document TEXT NOT NULL, -- the system as JSON (marking/marking_system_json.h)
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL, -- the publisher's username, for the record
  PRIMARY KEY (state, version)
);
