-- Identity (access/identity_service.h): users and their roles, browser sessions, API tokens and
-- sign-in throttling. Secrets are never stored in the clear: passwords as argon2id strings,
-- session, CSRF and API tokens as hex BLAKE2b-256 hashes. Timestamps are ISO 8601 UTC text with
-- milliseconds, so they compare correctly as strings. Users are never deleted, only disabled, so
-- that the audit trail always names someone who existed.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,          -- lower case, [a-z0-9._-], 3..64
  display_name TEXT NOT NULL,
  state TEXT REFERENCES states (alpha2),
  organisation_id TEXT REFERENCES organisations (id),
  password_hash TEXT NOT NULL,            -- crypto_pwhash_str (argon2id, PHC format)
  password_changed_at TEXT NOT NULL,
  -- The TOTP secret in base32, stored raw because the server must compute codes from it; pending
  -- until totp_enabled = 1. Encrypting it at rest with a server key is future work.
  totp_secret TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_last_step BIGINT,                  -- the last accepted 30-s step, so no code is used twice
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  CHECK ((state IS NOT NULL AND organisation_id IS NULL) OR
         (state IS NULL AND organisation_id IS NOT NULL))
);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  csrf_hash TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,             -- written at most once a minute
  expires_at TEXT NOT NULL,               -- the absolute expiry; idle expiry is last_seen_at based
  revoked_at TEXT,
  second_factor INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL,               -- of the whole "cct_<id>_<secret>"
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,                   -- space-separated actions or "family.*"
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT                       -- written at most once a minute
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sign_in_throttle (
  throttle_key TEXT PRIMARY KEY,          -- "account:<username>" or "address:<client address>"
  failures BIGINT NOT NULL DEFAULT 0,
  last_failure_at TEXT,
  locked_until TEXT
);
