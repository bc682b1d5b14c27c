-- Prompts, their immutable versions and movable labels (issue 7). Keep in step with ../duckdb/V008__prompts.sql.

CREATE TABLE prompts (
  id                TEXT PRIMARY KEY,
  space_id          TEXT NOT NULL REFERENCES spaces (id),
  name              TEXT NOT NULL,
  description       TEXT,
  latest_version    BIGINT  NOT NULL,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

-- Versions are append-only: (prompt_id, version) is never updated, a change inserts version + 1.
CREATE TABLE prompt_versions (
  id                    TEXT PRIMARY KEY,
  prompt_id             TEXT NOT NULL REFERENCES prompts (id),
  version               BIGINT  NOT NULL,
  commit_hash           TEXT NOT NULL,
  commit_message        TEXT,
  template_type         TEXT NOT NULL,
  input_variable_format TEXT NOT NULL,
  messages              JSONB   NOT NULL,
  provider              TEXT NOT NULL,
  model                 TEXT,
  invocation_params     JSONB   NOT NULL,
  provider_params       JSONB   NOT NULL,
  created_at            BIGINT  NOT NULL,
  UNIQUE (prompt_id, version)
);

-- A label points at one version of its prompt; moving it updates version_id.
CREATE TABLE prompt_labels (
  prompt_id         TEXT NOT NULL REFERENCES prompts (id),
  name              TEXT NOT NULL,
  version_id        TEXT NOT NULL REFERENCES prompt_versions (id),
  updated_at        BIGINT  NOT NULL,
  PRIMARY KEY (prompt_id, name)
);

CREATE INDEX prompt_labels_version ON prompt_labels (version_id);
