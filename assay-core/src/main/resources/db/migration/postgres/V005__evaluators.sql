-- Evaluators, their immutable versions, and the model configs judges call (issue 5). Keep in step with
-- ../duckdb/V005__evaluators.sql.

-- A judge model provider ("AI integration" in AX's API). The API key and the header values are secrets:
-- stored only as AES-GCM ciphertext (dev.assay.llm.SecretBox), never returned.
CREATE TABLE model_configs (
  id                TEXT PRIMARY KEY,
  space_id          TEXT NOT NULL REFERENCES spaces (id),
  name              TEXT NOT NULL,
  provider          TEXT NOT NULL,
  base_url          TEXT,
  model_names       JSONB  NOT NULL,
  header_names      JSONB  NOT NULL,
  secrets           BYTEA,
  settings          JSONB  NOT NULL,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

CREATE TABLE evaluators (
  id                TEXT PRIMARY KEY,
  space_id          TEXT NOT NULL REFERENCES spaces (id),
  name              TEXT NOT NULL,
  description       TEXT,
  kind              TEXT NOT NULL,
  latest_version    BIGINT  NOT NULL,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

-- Versions are append-only: (evaluator_id, version) is never updated, a change inserts version + 1.
CREATE TABLE evaluator_versions (
  id                TEXT PRIMARY KEY,
  evaluator_id      TEXT NOT NULL REFERENCES evaluators (id),
  version           BIGINT  NOT NULL,
  commit_hash       TEXT NOT NULL,
  commit_message    TEXT,
  spec              JSONB  NOT NULL,
  created_at        BIGINT  NOT NULL,
  UNIQUE (evaluator_id, version)
);

-- passed: from the evaluator's threshold or its rails' direction; null when it has neither or failed.
ALTER TABLE evaluations ADD COLUMN passed BOOLEAN;

-- GET /v2/evaluations lists by project and name, or by evaluator, newest first.
CREATE INDEX evaluations_project_name ON evaluations (project_id, name);
CREATE INDEX evaluations_evaluator ON evaluations (evaluator_id, evaluator_version);
CREATE INDEX evaluations_run ON evaluations (run_id);
