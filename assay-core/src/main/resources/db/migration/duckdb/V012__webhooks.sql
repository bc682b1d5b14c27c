-- Webhooks: notification channels that monitors send alerts through, and the log of every delivery (issue 8).
-- Keep in step with ../postgres/V012__webhooks.sql (DuckDB has no foreign keys here: its FK checks block deletes of
-- parents).

-- The auth token and the header values are secrets: stored only as AES-GCM ciphertext (dev.assay.secrets.SecretBox),
-- never returned; header_names lists the names the API shows with masked values.
CREATE TABLE webhooks (
  id                VARCHAR PRIMARY KEY,
  space_id          VARCHAR NOT NULL,
  name              VARCHAR NOT NULL,
  url               VARCHAR NOT NULL,
  auth_type         VARCHAR NOT NULL,
  header_names      JSON    NOT NULL,
  secrets           BLOB,
  timeout_ms        INTEGER NOT NULL,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

-- One row per delivery (all its attempts). space_id is the webhook's, so scoped reads need no join.
-- response_body holds at most the first 1 KiB of the receiver's answer, with our secrets masked.
CREATE TABLE webhook_deliveries (
  id                VARCHAR PRIMARY KEY,
  webhook_id        VARCHAR NOT NULL,
  space_id          VARCHAR NOT NULL,
  event             VARCHAR NOT NULL,
  status            VARCHAR NOT NULL,
  http_status       INTEGER,
  error             VARCHAR,
  attempts          INTEGER NOT NULL,
  duration_ms       BIGINT  NOT NULL,
  response_body     VARCHAR,
  created_at        BIGINT  NOT NULL
);

-- GET /v2/webhooks/{id}/deliveries lists one webhook's deliveries, newest first.
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at, id);
