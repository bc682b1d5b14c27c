-- Datasets with immutable versions (issue 7). PostgreSQL dialect; keep in step with ../duckdb/V007__datasets.sql.
--
-- Versioning: each example is stored as revisions, and every revision row carries the range of version numbers
-- it belongs to, [valid_from, valid_to) (valid_to NULL = still current). Version n holds exactly the rows with
-- valid_from <= n AND (valid_to IS NULL OR valid_to > n). Why ranges rather than a version -> revision membership
-- table: appending k examples writes k rows (a membership table would copy every example id into each new
-- version, O(dataset) per append), an update or delete closes one row's range and adds at most one row, and
-- reading any version is one indexed range scan over the dataset's rows. Closing a range (setting valid_to) is
-- the only write to an existing row, and it never changes what an older version reads.

-- `latest_version` is bumped first in every change, so concurrent changes of one dataset serialise on its row.
CREATE TABLE datasets (
  id             TEXT PRIMARY KEY,
  space_id       TEXT NOT NULL,
  name           TEXT NOT NULL,
  description    TEXT,
  latest_version INTEGER NOT NULL,
  created_at     BIGINT  NOT NULL,
  updated_at     BIGINT  NOT NULL,
  UNIQUE (space_id, name)
);

-- One immutable snapshot; `example_count` is computed when the version is written.
CREATE TABLE dataset_versions (
  id            TEXT PRIMARY KEY,
  dataset_id    TEXT NOT NULL,
  number        INTEGER NOT NULL,
  name          TEXT NOT NULL,
  description   TEXT,
  example_count BIGINT  NOT NULL,
  created_at    BIGINT  NOT NULL,
  UNIQUE (dataset_id, number),
  UNIQUE (dataset_id, name)
);

-- A revision of an example. `example_id` is stable across revisions; `created_at` is the example's creation
-- (the list order, with example_id), `updated_at` this revision's. `splits` is a JSON array of names. The JSON
-- content is kept as text: SQL never looks inside it, and JSONB would reorder an example's keys (column order).
CREATE TABLE dataset_examples (
  revision_id     TEXT PRIMARY KEY,
  dataset_id      TEXT NOT NULL,
  example_id      TEXT NOT NULL,
  valid_from      INTEGER NOT NULL,
  valid_to        INTEGER,
  input           TEXT    NOT NULL,
  output          TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  splits          TEXT    NOT NULL,
  source_span_id  TEXT,
  source_trace_id TEXT,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL
);

-- The splits of a revision, one row each, so a split filter is an indexed EXISTS in SQL.
CREATE TABLE dataset_example_splits (
  revision_id TEXT NOT NULL,
  dataset_id  TEXT NOT NULL,
  split       TEXT NOT NULL,
  PRIMARY KEY (revision_id, split)
);

CREATE INDEX dataset_examples_range ON dataset_examples (dataset_id, valid_from);
CREATE INDEX dataset_examples_example ON dataset_examples (dataset_id, example_id);
CREATE INDEX dataset_example_splits_split ON dataset_example_splits (dataset_id, split);
