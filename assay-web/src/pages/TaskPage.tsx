import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client";
import { deleteTask, getTask, isActive, listRuns, resumeTask, type Task, type TaskRun } from "../api/tasks";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { LoadingState } from "../components/LoadingState";
import { ProjectFrame } from "../components/ProjectFrame";
import { formatTime } from "../format";
import { RunsTable } from "../tasks/RunsTable";
import { formatRate, TaskBadges } from "../tasks/TaskFacts";
import { TriggerDialog } from "../tasks/TriggerDialog";
import { usePolling } from "../tasks/usePolling";
import { evaluatorPath, projectPath, taskPath } from "../urls";

interface Detail {
  task: Task;
  runs: TaskRun[];
}

/**
 * One task (`/projects/:id/tasks/:taskId`): its settings, the pause banner when a model provider refused,
 * and its runs, refreshed every second while one is going or the task is paused.
 */
export function TaskPage() {
  const { projectId, taskId } = useParams() as { projectId: string; taskId: string };
  const navigate = useNavigate();
  const [triggering, setTriggering] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const detail = usePolling<Detail>(
    async (signal) => {
      const [task, runs] = await Promise.all([getTask(taskId, signal), listRuns(taskId, signal)]);
      return { task, runs: runs.task_runs };
    },
    [taskId],
    (d) => d.runs.some(isActive) || d.task.paused_reason != null,
  );
  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
    } catch (e) {
      setActionError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    }
    detail.reload();
  };
  const task = detail.data?.task;
  const remove = async () => {
    if (!task || !window.confirm(`Delete task “${task.name}” and its runs? Results it already wrote are kept.`)) return;
    try {
      await deleteTask(task.id);
      navigate(projectPath(projectId, "tasks"));
    } catch (e) {
      setActionError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    }
  };
  return (
    <ProjectFrame
      projectId={projectId}
      title={task?.name ?? "Task"}
      tabs={false}
      description={<Link to={projectPath(projectId, "tasks")}>All tasks of the project</Link>}
      actions={
        task && (
          <>
            <button type="button" className="button primary" onClick={() => setTriggering(true)}>
              Trigger run
            </button>
            <Link className="button" to={taskPath(projectId, task.id, true)}>
              Edit
            </Link>
            <button type="button" className="button danger" onClick={remove}>
              Delete
            </button>
          </>
        )
      }
    >
      {() =>
        detail.error && !detail.data ? (
          <ErrorState what="the task" error={detail.error} onRetry={detail.reload} />
        ) : !detail.data ? (
          <LoadingState what="the task" />
        ) : (
          <>
            {detail.data.task.paused_reason && (
              <PauseBanner task={detail.data.task} onResume={() => act(() => resumeTask(taskId))} />
            )}
            {actionError && <ErrorState what="that action" error={actionError} />}
            <TaskSummary task={detail.data.task} />
            <section className="page-section" aria-labelledby="runs-title">
              <div className="section-head">
                <h2 id="runs-title">Runs</h2>
                {detail.data.runs.some(isActive) && (
                  <span className="muted" role="status">
                    <span className="spinner" aria-hidden="true" /> refreshing while a run is active
                  </span>
                )}
              </div>
              {detail.data.runs.length === 0 ? (
                <EmptyState title="No runs yet">
                  <p>Trigger a run to backfill a time window{detail.data.task.is_continuous ? "; new data is evaluated continuously" : ""}.</p>
                </EmptyState>
              ) : (
                <RunsTable runs={detail.data.runs} onChanged={detail.reload} />
              )}
            </section>
            {triggering && (
              <TriggerDialog
                task={detail.data.task}
                onClose={() => setTriggering(false)}
                onTriggered={() => {
                  setTriggering(false);
                  detail.reload();
                }}
              />
            )}
          </>
        )
      }
    </ProjectFrame>
  );
}

/** Evaluation stopped because a model provider refused (a bad key, billing); fixing the model config resumes it. */
function PauseBanner({ task, onResume }: { task: Task; onResume: () => void }) {
  return (
    <div className="notice pause-banner" role="alert" aria-label="Task paused">
      <div>
        <strong>Evaluation is paused</strong>
        {task.paused_at && <span className="muted"> since {formatTime(task.paused_at)}</span>}
        <p className="pause-reason">{task.paused_reason}</p>
        <p className="muted">
          It resumes by itself when the model config is updated (<Link to="/models">Models</Link>); resume by hand once the
          provider works again. Finished targets are not evaluated twice.
        </p>
      </div>
      <button type="button" className="button primary" onClick={onResume}>
        Resume
      </button>
    </div>
  );
}

function TaskSummary({ task }: { task: Task }) {
  return (
    <section className="page-section" aria-labelledby="task-settings">
      <h2 id="task-settings">Settings</h2>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{task.type === "TEMPLATE_EVALUATION" ? "LLM judge evaluation" : "Code evaluation"}</dd>
        <dt>Scope</dt>
        <dd>
          <span className="badge">{task.scope}</span>
        </dd>
        <dt>Status</dt>
        <dd>
          <TaskBadges task={task} />
        </dd>
        <dt>Filter</dt>
        <dd>{task.query_filter ? <code>{task.query_filter}</code> : <span className="muted">all data</span>}</dd>
        <dt>Sampling</dt>
        <dd>{formatRate(task.sampling_rate)}</dd>
        <dt>Last run</dt>
        <dd>{formatTime(task.last_run_at, "never")}</dd>
      </dl>
      <div className="table-wrap">
        <table className="data-table" aria-label="Attached evaluators">
          <thead>
            <tr>
              <th scope="col">Evaluator</th>
              <th scope="col">Version</th>
              <th scope="col">Column mappings</th>
              <th scope="col">Filter</th>
            </tr>
          </thead>
          <tbody>
            {task.evaluators.map((e) => (
              <tr key={e.evaluator_id}>
                <td>
                  <Link to={evaluatorPath(e.evaluator_id)}>{e.evaluator_name}</Link>
                </td>
                <td>{e.evaluator_version_id ? "pinned" : "latest"}</td>
                <td className="wrap">
                  {Object.keys(e.column_mappings ?? {}).length === 0 ? (
                    <span className="muted">the evaluator's own</span>
                  ) : (
                    Object.entries(e.column_mappings ?? {}).map(([v, to]) => (
                      <code key={v} className="var">
                        {v} → {to}
                      </code>
                    ))
                  )}
                </td>
                <td className="wrap">{e.query_filter ? <code>{e.query_filter}</code> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
