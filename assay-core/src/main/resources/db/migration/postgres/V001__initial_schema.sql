-- Assay initial schema, PostgreSQL dialect. Keep in step with ../duckdb/V001__initial_schema.sql.
-- Every time column holds epoch microseconds (UTC) as BIGINT: one representation for both dialects,
-- the DuckDB Appender and JDBC bind it without time-zone conversion, and the Java clock decides "now".
-- PostgreSQL gets the secondary indexes that list views, rollups and the job claim need.

CREATE TABLE spaces (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT,
  is_private  BOOLEAN NOT NULL DEFAULT FALSE,
  created_at  BIGINT  NOT NULL,
  updated_at  BIGINT  NOT NULL
);

INSERT INTO spaces (id, name, description, created_at, updated_at)
VALUES ('00000000-0000-7000-8000-000000000001', 'default', 'The default space', CAST(EXTRACT(EPOCH FROM now()) * 1000000 AS BIGINT), CAST(EXTRACT(EPOCH FROM now()) * 1000000 AS BIGINT));

CREATE TABLE projects (
  id          TEXT PRIMARY KEY,
  space_id    TEXT NOT NULL REFERENCES spaces (id),
  name        TEXT NOT NULL,
  description TEXT,
  created_at  BIGINT  NOT NULL,
  updated_at  BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

CREATE TABLE spans (
  project_id        TEXT NOT NULL,
  trace_id          TEXT NOT NULL,
  span_id           TEXT NOT NULL,
  parent_id         TEXT,
  name              TEXT NOT NULL,
  span_kind         TEXT NOT NULL,
  start_time        BIGINT  NOT NULL,
  end_time          BIGINT  NOT NULL,
  latency_ms        DOUBLE PRECISION  NOT NULL,
  status_code       TEXT NOT NULL,
  status_message    TEXT,
  input_value       TEXT,
  input_mime_type   TEXT,
  output_value      TEXT,
  output_mime_type  TEXT,
  model_name        TEXT,
  model_provider    TEXT,
  prompt_tokens     BIGINT,
  completion_tokens BIGINT,
  total_tokens      BIGINT,
  cost_total        DOUBLE PRECISION,
  session_id        TEXT,
  user_id           TEXT,
  attributes        JSONB   NOT NULL,
  events            JSONB   NOT NULL,
  ingested_at       BIGINT  NOT NULL,
  PRIMARY KEY (project_id, trace_id, span_id)
);

CREATE TABLE traces (
  project_id        TEXT NOT NULL,
  trace_id          TEXT NOT NULL,
  root_span_id      TEXT,
  root_span_name    TEXT,
  start_time        BIGINT  NOT NULL,
  end_time          BIGINT  NOT NULL,
  span_count        BIGINT  NOT NULL,
  error_count       BIGINT  NOT NULL,
  prompt_tokens     BIGINT  NOT NULL,
  completion_tokens BIGINT  NOT NULL,
  total_tokens      BIGINT  NOT NULL,
  cost_total        DOUBLE PRECISION  NOT NULL,
  session_id        TEXT,
  updated_at        BIGINT  NOT NULL,
  PRIMARY KEY (project_id, trace_id)
);

CREATE TABLE sessions (
  project_id     TEXT NOT NULL,
  session_id     TEXT NOT NULL,
  user_id        TEXT,
  first_input    TEXT,
  last_output    TEXT,
  -- The root spans first_input / last_output came from, so a root arriving in a later batch replaces
  -- them only when it is earlier / later (spans arrive in any order).
  first_root_start   BIGINT,
  first_root_span_id TEXT,
  last_root_start    BIGINT,
  last_root_span_id  TEXT,
  start_time     BIGINT  NOT NULL,
  end_time       BIGINT  NOT NULL,
  trace_count    BIGINT  NOT NULL,
  span_count     BIGINT  NOT NULL,
  error_count    BIGINT  NOT NULL,
  total_tokens   BIGINT  NOT NULL,
  cost_total     DOUBLE PRECISION  NOT NULL,
  updated_at     BIGINT  NOT NULL,
  PRIMARY KEY (project_id, session_id)
);

-- One row per (session, trace) seen: sessions.trace_count counts distinct traces exactly, even when a
-- trace's spans arrive over many batches, because only a newly inserted pair adds to it.
CREATE TABLE session_traces (
  project_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  trace_id   TEXT NOT NULL,
  PRIMARY KEY (project_id, session_id, trace_id)
);

CREATE TABLE evaluations (
  id                TEXT PRIMARY KEY,
  project_id        TEXT NOT NULL,
  target_kind       TEXT NOT NULL,
  target_id         TEXT NOT NULL,
  name              TEXT NOT NULL,
  identifier        TEXT NOT NULL,
  evaluator_id      TEXT,
  evaluator_version BIGINT,
  label             TEXT,
  score             DOUBLE PRECISION,
  explanation       TEXT,
  annotator_kind    TEXT NOT NULL,
  source            TEXT NOT NULL,
  metadata          JSONB   NOT NULL,
  run_id            TEXT,
  error             TEXT,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (project_id, target_kind, target_id, name, identifier)
);

CREATE TABLE jobs (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  payload         JSONB   NOT NULL,
  status          TEXT NOT NULL,
  priority        INTEGER NOT NULL,
  attempts        INTEGER NOT NULL,
  max_attempts    INTEGER NOT NULL,
  run_after       BIGINT  NOT NULL,
  lease_owner     TEXT,
  lease_until     BIGINT,
  idempotency_key TEXT UNIQUE,
  last_error      TEXT,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  finished_at     BIGINT
);

CREATE INDEX spans_project_start ON spans (project_id, start_time DESC);
CREATE INDEX spans_project_session ON spans (project_id, session_id) WHERE session_id IS NOT NULL;
CREATE INDEX traces_project_start ON traces (project_id, start_time DESC);
CREATE INDEX sessions_project_start ON sessions (project_id, start_time DESC);
CREATE INDEX evaluations_target ON evaluations (project_id, target_kind, target_id);
-- A claim takes due QUEUED jobs in (priority DESC, run_after, id) order with a LIMIT: this partial index
-- lets it read that many entries instead of sorting the whole backlog. Finished jobs fall out of it.
CREATE INDEX jobs_queued ON jobs (priority DESC, run_after, id) WHERE status = 'QUEUED';
-- Expired leases are looked up among RUNNING jobs only, by lease_until.
CREATE INDEX jobs_running_lease ON jobs (lease_until) WHERE status = 'RUNNING';
