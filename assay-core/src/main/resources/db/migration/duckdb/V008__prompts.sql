-- Prompts, their immutable versions and movable labels (issue 7). Keep in step with ../postgres/V008__prompts.sql
-- (DuckDB has no foreign keys here: its FK checks block deletes of parents).

CREATE TABLE prompts (
  id                VARCHAR PRIMARY KEY,
  space_id          VARCHAR NOT NULL,
  name              VARCHAR NOT NULL,
  description       VARCHAR,
  latest_version    BIGINT  NOT NULL,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

-- Versions are append-only: (prompt_id, version) is never updated, a change inserts version + 1.
CREATE TABLE prompt_versions (
  id                    VARCHAR PRIMARY KEY,
  prompt_id             VARCHAR NOT NULL,
  version               BIGINT  NOT NULL,
  commit_hash           VARCHAR NOT NULL,
  commit_message        VARCHAR,
  template_type         VARCHAR NOT NULL,
  input_variable_format VARCHAR NOT NULL,
  messages              JSON    NOT NULL,
  provider              VARCHAR NOT NULL,
  model                 VARCHAR,
  invocation_params     JSON    NOT NULL,
  provider_params       JSON    NOT NULL,
  created_at            BIGINT  NOT NULL,
  UNIQUE (prompt_id, version)
);

-- A label points at one version of its prompt; moving it updates version_id (never delete + insert of one key,
-- which DuckDB rejects inside a transaction).
CREATE TABLE prompt_labels (
  prompt_id         VARCHAR NOT NULL,
  name              VARCHAR NOT NULL,
  version_id        VARCHAR NOT NULL,
  updated_at        BIGINT  NOT NULL,
  PRIMARY KEY (prompt_id, name)
);

CREATE INDEX prompt_labels_version ON prompt_labels (version_id);
