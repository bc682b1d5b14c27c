-- Users, space memberships, API keys, login sessions and login failures (issue 8). PostgreSQL dialect; keep in
-- step with ../duckdb/V010__auth.sql.
--
-- Secrets are never stored in plain text: password_hash is an Argon2id PHC string, secret_hash and token_hash are
-- SHA-256 hex of 256-bit random secrets (a fast hash suffices there: nothing to guess), and a session's CSRF token
-- is derived from its token (dev.assay.auth.Tokens), so it is not stored at all.

-- `email` is stored lower-cased (sign-in ignores case); service accounts (is_service) get a synthetic
-- address under service.assay.invalid and no password.
CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  email                TEXT NOT NULL UNIQUE,
  name                 TEXT NOT NULL,
  account_role         TEXT NOT NULL,
  is_service           BOOLEAN NOT NULL,
  password_hash        TEXT,
  must_change_password BOOLEAN NOT NULL,
  created_at           BIGINT  NOT NULL,
  updated_at           BIGINT  NOT NULL
);

-- A user's role in a space (VIEWER, MEMBER, ADMIN); deleting the space or the user deletes it.
CREATE TABLE space_memberships (
  space_id   TEXT NOT NULL REFERENCES spaces (id),
  user_id    TEXT NOT NULL REFERENCES users (id),
  role       TEXT NOT NULL,
  created_at BIGINT  NOT NULL,
  updated_at BIGINT  NOT NULL,
  PRIMARY KEY (space_id, user_id)
);

-- After a refresh with a grace period the previous secret keeps working until previous_valid_until. Keys of a
-- deleted user stay, REVOKED, so the audit log's key ids still name something (hence no foreign key on user_id).
CREATE TABLE api_keys (
  id                   TEXT PRIMARY KEY,
  name                 TEXT NOT NULL,
  description          TEXT,
  key_type             TEXT NOT NULL,
  status               TEXT NOT NULL,
  secret_hash          TEXT NOT NULL UNIQUE,
  redacted             TEXT NOT NULL,
  user_id              TEXT NOT NULL,
  created_by_user_id   TEXT,
  created_at           BIGINT  NOT NULL,
  expires_at           BIGINT,
  last_used_at         BIGINT,
  previous_secret_hash TEXT,
  previous_valid_until BIGINT
);

-- Login sessions (the table `sessions` holds trace sessions). Absolute expiry: 12 hours after sign-in.
CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT  NOT NULL,
  expires_at BIGINT  NOT NULL
);

-- One row per failed sign-in; five for one email within 15 minutes refuse further attempts until the window passes.
CREATE TABLE login_failures (
  id        TEXT PRIMARY KEY,
  email     TEXT NOT NULL,
  ip        TEXT,
  failed_at BIGINT  NOT NULL
);

CREATE INDEX login_failures_email ON login_failures (email, failed_at);
CREATE INDEX space_memberships_user ON space_memberships (user_id);
CREATE INDEX api_keys_user ON api_keys (user_id);
CREATE INDEX api_keys_previous_secret ON api_keys (previous_secret_hash) WHERE previous_secret_hash IS NOT NULL;
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
