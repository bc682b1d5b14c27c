-- Evaluation tasks: evaluators bound to a project, run continuously on new data and as backfill runs
-- (issue 6). Keep in step with ../postgres/V006__tasks.sql (no foreign keys on DuckDB, see V005).

-- A task. `evaluators` is the attachment list as one JSON array
-- [{evaluator_id, evaluator_version_id (null = latest), query_filter, column_mappings}], replaced whole
-- by an update, as in AX. `scope` is the subject kind every attached evaluator works on. A task paused
-- by a provider's auth / billing / configuration failure carries the reason until it is resumed.
CREATE TABLE tasks (
  id               VARCHAR PRIMARY KEY,
  space_id         VARCHAR NOT NULL,
  project_id       VARCHAR NOT NULL,
  name             VARCHAR NOT NULL,
  type             VARCHAR NOT NULL,
  scope            VARCHAR NOT NULL,
  query_filter     VARCHAR,
  sampling_rate    DOUBLE  NOT NULL,
  is_continuous    BOOLEAN NOT NULL,
  evaluators       JSON    NOT NULL,
  paused_reason    VARCHAR,
  paused_at        BIGINT,
  paused_config_id VARCHAR,
  last_run_at      BIGINT,
  created_at       BIGINT  NOT NULL,
  updated_at       BIGINT  NOT NULL,
  UNIQUE (project_id, name)
);

-- A backfill run over a data window. Counts are per evaluation (target x evaluator) and are the sums
-- of its chunks' counts, recomputed when a chunk finishes, so a chunk that runs twice counts once.
CREATE TABLE task_runs (
  id                   VARCHAR PRIMARY KEY,
  task_id              VARCHAR NOT NULL,
  project_id           VARCHAR NOT NULL,
  status               VARCHAR NOT NULL,
  data_start_time      BIGINT,
  data_end_time        BIGINT,
  max_spans            BIGINT  NOT NULL,
  override_evaluations BOOLEAN NOT NULL,
  num_targets          BIGINT,
  chunks_total         INTEGER,
  chunks_done          INTEGER NOT NULL,
  num_successes        BIGINT  NOT NULL,
  num_errors           BIGINT  NOT NULL,
  num_skipped          BIGINT  NOT NULL,
  failure_reason       VARCHAR,
  paused_reason        VARCHAR,
  run_started_at       BIGINT,
  run_finished_at      BIGINT,
  created_at           BIGINT  NOT NULL,
  updated_at           BIGINT  NOT NULL
);

-- One slice of a run's targets, evaluated by one `tasks.evaluate` job. Written with the jobs that
-- evaluate them, in the planning transaction.
CREATE TABLE task_run_chunks (
  run_id        VARCHAR NOT NULL,
  chunk_no      INTEGER NOT NULL,
  target_ids    JSON    NOT NULL,
  status        VARCHAR NOT NULL,
  num_successes BIGINT  NOT NULL,
  num_errors    BIGINT  NOT NULL,
  num_skipped   BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  PRIMARY KEY (run_id, chunk_no)
);

-- Traces and sessions of continuous tasks waiting to settle: each new span of the target pushes
-- `due_at` later; once due, the row is removed and its evaluation enqueued in one transaction.
CREATE TABLE task_pending_targets (
  task_id     VARCHAR NOT NULL,
  target_id   VARCHAR NOT NULL,
  project_id  VARCHAR NOT NULL,
  due_at      BIGINT  NOT NULL,
  PRIMARY KEY (task_id, target_id)
);

CREATE INDEX tasks_project ON tasks (project_id);
CREATE INDEX task_runs_task ON task_runs (task_id, created_at);
CREATE INDEX task_pending_due ON task_pending_targets (due_at);
