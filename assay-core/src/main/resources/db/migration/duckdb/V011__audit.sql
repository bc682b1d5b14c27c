-- The audit log of administrative actions (issue 8). Keep in step with ../postgres/V011__audit.sql.
-- Insert-only; listed newest first by (occurred_at, id). `details` is the request body with secrets redacted
-- before it gets here; user_id and api_key_id are kept as written even after the user or key is gone.
CREATE TABLE audit_log (
  id          VARCHAR PRIMARY KEY,
  occurred_at BIGINT  NOT NULL,
  user_id     VARCHAR,
  api_key_id  VARCHAR,
  ip          VARCHAR,
  operation   VARCHAR NOT NULL,
  details     VARCHAR
);

CREATE INDEX audit_log_at ON audit_log (occurred_at, id);
