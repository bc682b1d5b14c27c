-- Experiments: a dataset version run through a task under test and scored by evaluators (issue 7). Keep in step
-- with ../postgres/V009__experiments.sql (no foreign keys on DuckDB, see V005).

-- `task` is the task under test as JSON ({type: PROMPT|HTTP|COMMAND, ...}; null for AX's recorded experiments),
-- `evaluators` the evaluator list with the versions resolved when the experiment was created, so a resumed
-- experiment judges with the same versions. The name is unique in the space: it also names the experiment's
-- trace project (`experiment-<name>`).
CREATE TABLE experiments (
  id                 VARCHAR PRIMARY KEY,
  space_id           VARCHAR NOT NULL,
  name               VARCHAR NOT NULL,
  description        VARCHAR,
  dataset_id         VARCHAR,
  dataset_version_id VARCHAR,
  project_id         VARCHAR,
  task               JSON,
  evaluators         JSON    NOT NULL,
  repetitions        INTEGER NOT NULL,
  concurrency        INTEGER NOT NULL,
  splits             JSON    NOT NULL,
  metadata           JSON    NOT NULL,
  status             VARCHAR NOT NULL,
  failure_reason     VARCHAR,
  example_count      BIGINT  NOT NULL,
  created_at         BIGINT  NOT NULL,
  updated_at         BIGINT  NOT NULL,
  started_at         BIGINT,
  finished_at        BIGINT,
  UNIQUE (space_id, name)
);

-- A label names one experiment per dataset (recorded experiments without a dataset: per space, `scope_key`
-- is then 'space:' + the space id). The primary key is that rule.
CREATE TABLE experiment_labels (
  scope_key     VARCHAR NOT NULL,
  label         VARCHAR NOT NULL,
  experiment_id VARCHAR NOT NULL,
  created_at    BIGINT  NOT NULL,
  PRIMARY KEY (scope_key, label)
);

-- One execution of the task on one example (one repetition); the unique key is how a resumed experiment finds
-- the missing work. `example_index` is the example's place in the run set, so runs list in dataset order.
-- `extra` keeps the other columns AX's client recorded with a run.
CREATE TABLE experiment_runs (
  id                VARCHAR PRIMARY KEY,
  experiment_id     VARCHAR NOT NULL,
  example_id        VARCHAR NOT NULL,
  example_index     BIGINT  NOT NULL,
  repetition        INTEGER NOT NULL,
  output            VARCHAR,
  error             VARCHAR,
  start_time        BIGINT,
  end_time          BIGINT,
  prompt_tokens     BIGINT,
  completion_tokens BIGINT,
  cost              DOUBLE,
  trace_id          VARCHAR,
  extra             JSON    NOT NULL,
  created_at        BIGINT  NOT NULL,
  UNIQUE (experiment_id, example_id, repetition)
);

CREATE INDEX experiments_dataset ON experiments (dataset_id, created_at);
CREATE INDEX experiment_labels_experiment ON experiment_labels (experiment_id);
CREATE INDEX experiment_runs_order ON experiment_runs (experiment_id, example_index, repetition);
