import type { TestResponse } from "../api/evaluators";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { preview } from "../format";
import { formatScore } from "../traces/SpanKind";

type Row = TestResponse["results"][number] & { key: string };

const columns: Column<Row>[] = [
  { header: "Target", cell: (r) => <span title={r.target_id}><span className="muted">{r.target_kind}</span> <code>{preview(r.target_id, 18)}</code></span> },
  { header: "Input", cell: (r) => <span className="preview wide" title={r.input ?? ""}>{preview(r.input, 80)}</span> },
  { header: "Output", cell: (r) => <span className="preview wide" title={r.output ?? ""}>{preview(r.output, 80)}</span> },
  { header: "Label", cell: (r) => r.label ?? "—" },
  { header: "Score", cell: (r) => (r.score != null ? formatScore(r.score) : "—"), numeric: true },
  { header: "Passed", cell: (r) => <Passed passed={r.passed} /> },
  // A result has an explanation or an error, rarely both: one column keeps the table narrow enough to read.
  {
    header: "Explanation or error",
    cell: (r) => (
      <div className="cell-text">
        {r.error && <div className="error-text">Error: {r.error}</div>}
        {r.explanation}
      </div>
    ),
    wrap: true,
  },
];

/** The results of "Test on 5 samples": nothing is stored. */
export function TestResults({ response }: { response: TestResponse }) {
  const rows = response.results.map((r, i) => ({ ...r, key: `${r.target_id}-${i}` }));
  return (
    <section className="detail-section test-results" aria-label="Test results">
      {response.paused_reason && (
        <p className="filter-error" role="alert">
          The run paused: {response.paused_reason}
        </p>
      )}
      {rows.length === 0 ? (
        <EmptyState title="No samples matched">
          <p>The project has no subjects of this granularity in the last week matching the filter.</p>
        </EmptyState>
      ) : (
        <DataTable label="Test results" columns={columns} rows={rows} rowKey={(r) => r.key} dense />
      )}
    </section>
  );
}

export function Passed({ passed }: { passed?: boolean | null }) {
  if (passed == null) return <span className="muted">—</span>;
  return passed ? <span className="badge badge-ok">Passed</span> : <span className="badge badge-error">Failed</span>;
}
