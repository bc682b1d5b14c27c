-- Assay initial schema, DuckDB dialect. Keep in step with ../postgres/V001__initial_schema.sql.
-- Every time column holds epoch microseconds (UTC) as BIGINT: one representation for both dialects,
-- the DuckDB Appender and JDBC bind it without time-zone conversion, and the Java clock decides "now".
-- DuckDB gets only primary keys and unique constraints: secondary ART indexes turn UPDATEs of
-- indexed columns into delete+insert and are rarely needed by a columnar scan with zone maps.

CREATE TABLE spaces (
  id          VARCHAR PRIMARY KEY,
  name        VARCHAR NOT NULL UNIQUE,
  description VARCHAR,
  is_private  BOOLEAN NOT NULL DEFAULT FALSE,
  created_at  BIGINT  NOT NULL,
  updated_at  BIGINT  NOT NULL
);

INSERT INTO spaces (id, name, description, created_at, updated_at)
VALUES ('00000000-0000-7000-8000-000000000001', 'default', 'The default space', epoch_us(now()), epoch_us(now()));

CREATE TABLE projects (
  id          VARCHAR PRIMARY KEY,
  -- No foreign key to spaces on DuckDB: it refuses to rename or delete a referenced row even after
  -- the referencing rows are gone in the same transaction; JdbcProjectStore checks the space instead.
  space_id    VARCHAR NOT NULL,
  name        VARCHAR NOT NULL,
  description VARCHAR,
  created_at  BIGINT  NOT NULL,
  updated_at  BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

CREATE TABLE spans (
  project_id        VARCHAR NOT NULL,
  trace_id          VARCHAR NOT NULL,
  span_id           VARCHAR NOT NULL,
  parent_id         VARCHAR,
  name              VARCHAR NOT NULL,
  span_kind         VARCHAR NOT NULL,
  start_time        BIGINT  NOT NULL,
  end_time          BIGINT  NOT NULL,
  latency_ms        DOUBLE  NOT NULL,
  status_code       VARCHAR NOT NULL,
  status_message    VARCHAR,
  input_value       VARCHAR,
  input_mime_type   VARCHAR,
  output_value      VARCHAR,
  output_mime_type  VARCHAR,
  model_name        VARCHAR,
  model_provider    VARCHAR,
  prompt_tokens     BIGINT,
  completion_tokens BIGINT,
  total_tokens      BIGINT,
  cost_total        DOUBLE,
  session_id        VARCHAR,
  user_id           VARCHAR,
  attributes        JSON    NOT NULL,
  events            JSON    NOT NULL,
  ingested_at       BIGINT  NOT NULL,
  PRIMARY KEY (project_id, trace_id, span_id)
);

CREATE TABLE traces (
  project_id        VARCHAR NOT NULL,
  trace_id          VARCHAR NOT NULL,
  root_span_id      VARCHAR,
  root_span_name    VARCHAR,
  start_time        BIGINT  NOT NULL,
  end_time          BIGINT  NOT NULL,
  span_count        BIGINT  NOT NULL,
  error_count       BIGINT  NOT NULL,
  prompt_tokens     BIGINT  NOT NULL,
  completion_tokens BIGINT  NOT NULL,
  total_tokens      BIGINT  NOT NULL,
  cost_total        DOUBLE  NOT NULL,
  session_id        VARCHAR,
  updated_at        BIGINT  NOT NULL,
  PRIMARY KEY (project_id, trace_id)
);

CREATE TABLE sessions (
  project_id     VARCHAR NOT NULL,
  session_id     VARCHAR NOT NULL,
  user_id        VARCHAR,
  first_input    VARCHAR,
  last_output    VARCHAR,
  -- The root spans first_input / last_output came from, so a root arriving in a later batch replaces
  -- them only when it is earlier / later (spans arrive in any order).
  first_root_start   BIGINT,
  first_root_span_id VARCHAR,
  last_root_start    BIGINT,
  last_root_span_id  VARCHAR,
  start_time     BIGINT  NOT NULL,
  end_time       BIGINT  NOT NULL,
  trace_count    BIGINT  NOT NULL,
  span_count     BIGINT  NOT NULL,
  error_count    BIGINT  NOT NULL,
  total_tokens   BIGINT  NOT NULL,
  cost_total     DOUBLE  NOT NULL,
  updated_at     BIGINT  NOT NULL,
  PRIMARY KEY (project_id, session_id)
);

-- One row per (session, trace) seen: sessions.trace_count counts distinct traces exactly, even when a
-- trace's spans arrive over many batches, because only a newly inserted pair adds to it.
CREATE TABLE session_traces (
  project_id VARCHAR NOT NULL,
  session_id VARCHAR NOT NULL,
  trace_id   VARCHAR NOT NULL,
  PRIMARY KEY (project_id, session_id, trace_id)
);

CREATE TABLE evaluations (
  id                VARCHAR PRIMARY KEY,
  project_id        VARCHAR NOT NULL,
  target_kind       VARCHAR NOT NULL,
  target_id         VARCHAR NOT NULL,
  name              VARCHAR NOT NULL,
  identifier        VARCHAR NOT NULL,
  evaluator_id      VARCHAR,
  evaluator_version BIGINT,
  label             VARCHAR,
  score             DOUBLE,
  explanation       VARCHAR,
  annotator_kind    VARCHAR NOT NULL,
  source            VARCHAR NOT NULL,
  metadata          JSON    NOT NULL,
  run_id            VARCHAR,
  error             VARCHAR,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (project_id, target_kind, target_id, name, identifier)
);

CREATE TABLE jobs (
  id              VARCHAR PRIMARY KEY,
  kind            VARCHAR NOT NULL,
  payload         JSON    NOT NULL,
  status          VARCHAR NOT NULL,
  priority        INTEGER NOT NULL,
  attempts        INTEGER NOT NULL,
  max_attempts    INTEGER NOT NULL,
  run_after       BIGINT  NOT NULL,
  lease_owner     VARCHAR,
  lease_until     BIGINT,
  idempotency_key VARCHAR UNIQUE,
  last_error      VARCHAR,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  finished_at     BIGINT
);
