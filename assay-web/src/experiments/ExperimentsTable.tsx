import { Link } from "react-router";
import { getSummary, type Experiment } from "../api/experiments";
import { useApi } from "../api/useApi";
import { DataTable, type Column } from "../components/DataTable";
import { formatCount, formatTime } from "../format";
import { experimentPath } from "../urls";
import { DatasetName } from "./DatasetName";
import { TaskLabel } from "./TaskLabel";
import { formatRate, formatScore, statusClass } from "./format";

/** Experiments with their status, task, per-evaluator mean and pass rate, run counts and labels. */
export function ExperimentsTable({ experiments, showDataset }: { experiments: Experiment[]; showDataset: boolean }) {
  const columns: Column<Experiment>[] = [
    { header: "Name", wrap: true, cell: (e) => <Link className="row-link" to={experimentPath(e.id)}>{e.name}</Link> },
    ...(showDataset
      ? [{ header: "Dataset", cell: (e: Experiment) => <DatasetName id={e.dataset_id} /> }]
      : []),
    { header: "Status", cell: (e) => <span className={statusClass(e.status)}>{e.status}</span> },
    { header: "Task", wrap: true, cell: (e) => <TaskLabel task={e.task} /> },
    { header: "Scores", cell: (e) => <SummaryCells id={e.id} part="scores" /> },
    { header: "Runs", numeric: true, cell: (e) => <SummaryCells id={e.id} part="runs" /> },
    { header: "Labels", cell: (e) => <span className="badges">{e.labels.map((l) => <span key={l} className="badge">{l}</span>)}</span> },
    { header: "Created", cell: (e) => formatTime(e.created_at) },
  ];
  return <DataTable label="Experiments" columns={columns} rows={experiments} rowKey={(e) => e.id} />;
}

/** A row's summary, loaded per cell: the list answer carries no scores. */
function SummaryCells({ id, part }: { id: string; part: "scores" | "runs" }) {
  const { state } = useApi((signal) => getSummary(id, signal), [id]);
  if (state.status !== "ok") return <span className="muted">{state.status === "loading" ? "…" : "—"}</span>;
  const s = state.data;
  if (part === "runs") {
    return (
      <span title={`${s.successful_runs} ok, ${s.failed_runs} failed, ${s.missing_runs} missing`}>
        {formatCount(s.successful_runs)}/{formatCount(s.expected_runs)}
        {s.failed_runs > 0 && <span className="error-text"> ({s.failed_runs} failed)</span>}
      </span>
    );
  }
  return (
    <ul className="eval-chips stacked">
      {s.evaluators.map((e) => (
        <li key={e.name} className="eval-chip">
          <span className="eval-name">{e.name}</span>
          <span className="eval-score">{formatScore(e.mean_score)}</span>
          {e.pass_rate != null && <span className="muted">{formatRate(e.pass_rate)}</span>}
        </li>
      ))}
    </ul>
  );
}
