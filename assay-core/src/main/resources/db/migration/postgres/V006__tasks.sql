-- Evaluation tasks: evaluators bound to a project, run continuously on new data and as backfill runs
-- (issue 6). PostgreSQL dialect; keep in step with ../duckdb/V006__tasks.sql.

-- A task. `evaluators` is the attachment list as one JSON array
-- [{evaluator_id, evaluator_version_id (null = latest), query_filter, column_mappings}], replaced whole
-- by an update, as in AX. `scope` is the subject kind every attached evaluator works on. A task paused
-- by a provider's auth / billing / configuration failure carries the reason until it is resumed.
CREATE TABLE tasks (
  id               TEXT PRIMARY KEY,
  space_id         TEXT NOT NULL,
  project_id       TEXT NOT NULL,
  name             TEXT NOT NULL,
  type             TEXT NOT NULL,
  scope            TEXT NOT NULL,
  query_filter     TEXT,
  sampling_rate    DOUBLE PRECISION NOT NULL,
  is_continuous    BOOLEAN NOT NULL,
  evaluators       JSONB   NOT NULL,
  paused_reason    TEXT,
  paused_at        BIGINT,
  paused_config_id TEXT,
  last_run_at      BIGINT,
  created_at       BIGINT  NOT NULL,
  updated_at       BIGINT  NOT NULL,
  UNIQUE (project_id, name)
);

-- A backfill run over a data window. Counts are per evaluation (target x evaluator) and are the sums
-- of its chunks' counts, recomputed when a chunk finishes, so a chunk that runs twice counts once.
CREATE TABLE task_runs (
  id                   TEXT PRIMARY KEY,
  task_id              TEXT NOT NULL,
  project_id           TEXT NOT NULL,
  status               TEXT NOT NULL,
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
  failure_reason       TEXT,
  paused_reason        TEXT,
  run_started_at       BIGINT,
  run_finished_at      BIGINT,
  created_at           BIGINT  NOT NULL,
  updated_at           BIGINT  NOT NULL
);

-- One slice of a run's targets, evaluated by one `tasks.evaluate` job. Written with the jobs that
-- evaluate them, in the planning transaction.
CREATE TABLE task_run_chunks (
  run_id        TEXT NOT NULL,
  chunk_no      INTEGER NOT NULL,
  target_ids    JSONB   NOT NULL,
  status        TEXT NOT NULL,
  num_successes BIGINT  NOT NULL,
  num_errors    BIGINT  NOT NULL,
  num_skipped   BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  PRIMARY KEY (run_id, chunk_no)
);

-- Traces and sessions of continuous tasks waiting to settle: each new span of the target pushes
-- `due_at` later; once due, the row is removed and its evaluation enqueued in one transaction.
CREATE TABLE task_pending_targets (
  task_id     TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  project_id  TEXT NOT NULL,
  due_at      BIGINT  NOT NULL,
  PRIMARY KEY (task_id, target_id)
);

CREATE INDEX tasks_project ON tasks (project_id);
CREATE INDEX task_runs_task ON task_runs (task_id, created_at);
CREATE INDEX task_pending_due ON task_pending_targets (due_at);
