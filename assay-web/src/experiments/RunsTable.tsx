import { Link } from "react-router";
import type { ExperimentRun } from "../api/experiments";
import { DataTable, type Column } from "../components/DataTable";
import { formatCost, formatCount, formatLatency, preview } from "../format";
import { tracePath } from "../urls";
import { formatScore } from "./format";

/** The runs of an experiment: output or error, latency, tokens, cost, evaluations and a link to the trace. */
export function RunsTable({ runs, projectId }: { runs: ExperimentRun[]; projectId: string | null }) {
  const columns: Column<ExperimentRun>[] = [
    { header: "Example", cell: (r) => <code title={r.example_id ?? ""}>{(r.example_id ?? "—").slice(0, 10)}</code> },
    { header: "Rep", numeric: true, cell: (r) => r.repetition },
    {
      header: "Output",
      wrap: true,
      cell: (r) => (r.error ? <span className="error-text">{preview(r.error, 160)}</span> : <span className="cell-text">{preview(r.output, 200)}</span>),
    },
    {
      header: "Evaluations",
      wrap: true,
      cell: (r) => (
        <ul className="eval-chips">
          {r.evaluations.map((e, i) => (
            <li key={`${e.name}-${i}`} className={`eval-value ${e.passed === true ? "pass" : e.passed === false ? "fail" : ""}`} title={e.explanation ?? e.error ?? ""}>
              <span className="eval-name">{e.name}</span>
              {e.error ? <span className="error-text">error</span> : <span className="eval-score">{formatScore(e.score)}</span>}
            </li>
          ))}
        </ul>
      ),
    },
    { header: "Latency", numeric: true, cell: (r) => formatLatency(r.latency_ms) },
    { header: "Tokens", numeric: true, cell: (r) => (r.prompt_tokens == null ? "—" : formatCount((r.prompt_tokens ?? 0) + (r.completion_tokens ?? 0))) },
    { header: "Cost", numeric: true, cell: (r) => formatCost(r.cost) },
    { header: "Trace", cell: (r) => (projectId && r.trace_id ? <Link to={tracePath(projectId, r.trace_id)}>Trace</Link> : "—") },
  ];
  return <DataTable label="Runs" columns={columns} rows={runs} rowKey={(r) => r.id} dense />;
}
