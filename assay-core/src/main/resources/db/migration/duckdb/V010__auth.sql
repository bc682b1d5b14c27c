-- Users, space memberships, API keys, login sessions and login failures (issue 8). Keep in step with
-- ../postgres/V010__auth.sql (no foreign keys on DuckDB, see V005: JdbcAuthStore and JdbcSpaceStore delete the
-- dependent rows themselves).
--
-- Secrets are never stored in plain text: password_hash is an Argon2id PHC string, secret_hash and token_hash are
-- SHA-256 hex of 256-bit random secrets (a fast hash suffices there: nothing to guess), and a session's CSRF token
-- is derived from its token (dev.assay.auth.Tokens), so it is not stored at all.

-- `email` is stored lower-cased (sign-in ignores case); service accounts (is_service) get a synthetic
-- address under service.assay.invalid and no password.
CREATE TABLE users (
  id                   VARCHAR PRIMARY KEY,
  email                VARCHAR NOT NULL UNIQUE,
  name                 VARCHAR NOT NULL,
  account_role         VARCHAR NOT NULL,
  is_service           BOOLEAN NOT NULL,
  password_hash        VARCHAR,
  must_change_password BOOLEAN NOT NULL,
  created_at           BIGINT  NOT NULL,
  updated_at           BIGINT  NOT NULL
);

-- A user's role in a space (VIEWER, MEMBER, ADMIN); deleting the space or the user deletes it.
CREATE TABLE space_memberships (
  space_id   VARCHAR NOT NULL,
  user_id    VARCHAR NOT NULL,
  role       VARCHAR NOT NULL,
  created_at BIGINT  NOT NULL,
  updated_at BIGINT  NOT NULL,
  PRIMARY KEY (space_id, user_id)
);

-- After a refresh with a grace period the previous secret keeps working until previous_valid_until. Keys of a
-- deleted user stay, REVOKED, so the audit log's key ids still name something.
CREATE TABLE api_keys (
  id                   VARCHAR PRIMARY KEY,
  name                 VARCHAR NOT NULL,
  description          VARCHAR,
  key_type             VARCHAR NOT NULL,
  status               VARCHAR NOT NULL,
  secret_hash          VARCHAR NOT NULL UNIQUE,
  redacted             VARCHAR NOT NULL,
  user_id              VARCHAR NOT NULL,
  created_by_user_id   VARCHAR,
  created_at           BIGINT  NOT NULL,
  expires_at           BIGINT,
  last_used_at         BIGINT,
  previous_secret_hash VARCHAR,
  previous_valid_until BIGINT
);

-- Login sessions (the table `sessions` holds trace sessions). Absolute expiry: 12 hours after sign-in.
CREATE TABLE auth_sessions (
  token_hash VARCHAR PRIMARY KEY,
  user_id    VARCHAR NOT NULL,
  created_at BIGINT  NOT NULL,
  expires_at BIGINT  NOT NULL
);

-- One row per failed sign-in; five for one email within 15 minutes refuse further attempts until the window passes.
CREATE TABLE login_failures (
  id        VARCHAR PRIMARY KEY,
  email     VARCHAR NOT NULL,
  ip        VARCHAR,
  failed_at BIGINT  NOT NULL
);

CREATE INDEX login_failures_email ON login_failures (email, failed_at);
