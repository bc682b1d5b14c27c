-- Webhooks: notification channels that monitors send alerts through, and the log of every delivery (issue 8).
-- Keep in step with ../duckdb/V012__webhooks.sql.

-- The auth token and the header values are secrets: stored only as AES-GCM ciphertext (dev.assay.secrets.SecretBox),
-- never returned; header_names lists the names the API shows with masked values.
CREATE TABLE webhooks (
  id                TEXT PRIMARY KEY,
  space_id          TEXT NOT NULL REFERENCES spaces (id),
  name              TEXT NOT NULL,
  url               TEXT NOT NULL,
  auth_type         TEXT NOT NULL,
  header_names      JSONB   NOT NULL,
  secrets           BYTEA,
  timeout_ms        INTEGER NOT NULL,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

-- One row per delivery (all its attempts). space_id is the webhook's, so scoped reads need no join.
-- response_body holds at most the first 1 KiB of the receiver's answer, with our secrets masked.
CREATE TABLE webhook_deliveries (
  id                TEXT PRIMARY KEY,
  webhook_id        TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  space_id          TEXT NOT NULL,
  event             TEXT NOT NULL,
  status            TEXT NOT NULL,
  http_status       INTEGER,
  error             TEXT,
  attempts          INTEGER NOT NULL,
  duration_ms       BIGINT  NOT NULL,
  response_body     TEXT,
  created_at        BIGINT  NOT NULL
);

-- GET /v2/webhooks/{id}/deliveries lists one webhook's deliveries, newest first.
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at, id);
