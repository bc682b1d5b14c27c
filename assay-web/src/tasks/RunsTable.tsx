import { useState } from "react";
import { ApiError } from "../api/client";
import { cancelRun, isActive, type TaskRun } from "../api/tasks";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorState } from "../components/ErrorState";
import { formatCount, formatSeconds, formatTime } from "../format";

const STATUS_CLASS: Record<TaskRun["status"], string> = {
  PENDING: "badge badge-unset",
  RUNNING: "badge badge-running",
  COMPLETED: "badge badge-ok",
  FAILED: "badge badge-error",
  CANCELLED: "badge badge-unset",
};

/** The runs of a task, newest first: status, progress over the run's chunks, counts and why it ended. */
export function RunsTable({ runs, onChanged }: { runs: TaskRun[]; onChanged: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const cancel = async (run: TaskRun) => {
    setError(null);
    try {
      await cancelRun(run.id);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    }
    onChanged();
  };
  const columns: Column<TaskRun>[] = [
    { header: "Status", cell: (r) => <span className={STATUS_CLASS[r.status]}>{r.status}</span> },
    { header: "Triggered", cell: (r) => formatTime(r.created_at) },
    { header: "Data window", cell: (r) => `${formatSeconds(r.data_start_time)} – ${formatSeconds(r.data_end_time)}` },
    { header: "Progress", cell: (r) => <RunProgress run={r} /> },
    { header: "Successes", numeric: true, cell: (r) => formatCount(r.num_successes) },
    { header: "Errors", numeric: true, cell: (r) => <span className={r.num_errors > 0 ? "error-text" : undefined}>{formatCount(r.num_errors)}</span> },
    { header: "Skipped", numeric: true, cell: (r) => formatCount(r.num_skipped) },
    {
      header: "Details",
      wrap: true,
      cell: (r) => (
        <span className="cell-text">
          {r.paused_reason && isActive(r) && <span className="error-text">Paused: {r.paused_reason}</span>}
          {r.failure_reason && <span className={r.status === "FAILED" ? "error-text" : "muted"}>{r.failure_reason}</span>}
          {r.override_evaluations && <span className="muted"> re-evaluates existing results</span>}
        </span>
      ),
    },
    {
      header: "Actions",
      cell: (r) =>
        isActive(r) ? (
          <button type="button" className="button danger" onClick={() => cancel(r)} aria-label={`Cancel run ${r.id}`}>
            Cancel
          </button>
        ) : null,
    },
  ];
  return (
    <>
      {error && <ErrorState what="the cancellation" error={error} />}
      <DataTable label="Runs" columns={columns} rows={runs} rowKey={(r) => r.id} />
    </>
  );
}

/** Chunks done of the run's chunks, with its number of targets; a finished run shows where it stopped. */
export function RunProgress({ run }: { run: TaskRun }) {
  const total = run.chunks_total ?? 0;
  const done = run.chunks_done ?? 0;
  const planned = total > 0;
  const fraction = planned ? done / total : run.status === "COMPLETED" ? 1 : 0;
  const text = planned
    ? `${formatCount(done)}/${formatCount(total)} chunks · ${formatCount(run.num_targets ?? 0)} targets`
    : run.status === "PENDING" ? "planning…" : `${formatCount(run.num_targets ?? 0)} targets`;
  return (
    <div className="run-progress">
      <div
        className={`progress-bar ${run.status === "FAILED" ? "failed" : ""}`}
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={planned ? total : 1}
        aria-valuenow={planned ? done : fraction}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <span className="sub">{text}</span>
    </div>
  );
}
