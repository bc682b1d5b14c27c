import { listEvaluations, type StoredEvaluation } from "../api/evaluators";
import { useApi } from "../api/useApi";
import { ErrorState } from "../components/ErrorState";
import { LoadingState } from "../components/LoadingState";
import { Passed } from "../evaluators/TestResults";
import { formatScore } from "./SpanKind";

/** One result row: an evaluation or an annotation, with what the stored result says about it. */
export interface ResultRow {
  key: string;
  name: string;
  source: string;
  label?: string | null;
  score?: number | null;
  explanation?: string | null;
  passed?: boolean | null;
  annotator?: string | null;
  error?: string | null;
}

export function rowOf(e: StoredEvaluation): ResultRow {
  return {
    key: e.id,
    name: e.identifier ? `${e.name} (${e.identifier})` : e.name,
    source: e.annotator_kind === "HUMAN" ? "Annotation" : "Evaluation",
    label: e.label, score: e.score, explanation: e.explanation, passed: e.passed,
    annotator: [e.annotator_kind, e.source].filter(Boolean).join(" · "),
    error: e.error,
  };
}

/** The stored results on one target (span, trace or session), errors included, newest first. */
export function useStoredResults(projectId: string, targetKind: "SPAN" | "TRACE" | "SESSION", targetId: string) {
  return useApi(
    (signal) => listEvaluations({ project_id: projectId, target_kind: targetKind, target_id: targetId, limit: 100 }, signal),
    [projectId, targetKind, targetId],
  );
}

export function ResultsTable({ label, rows }: { label: string; rows: ResultRow[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Label</th>
            <th scope="col" className="numeric">Score</th>
            <th scope="col">Explanation</th>
            <th scope="col">Passed</th>
            <th scope="col">Annotator</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.name}</td>
              <td className="muted">{r.source}</td>
              <td>{r.label ?? "—"}</td>
              <td className="numeric">{r.score != null ? formatScore(r.score) : "—"}</td>
              <td className="wrap">{r.explanation ?? ""}</td>
              <td>
                <Passed passed={r.passed} />
              </td>
              <td className="muted">{r.annotator ?? ""}</td>
              <td className="wrap">{r.error ? <span className="error-text">{r.error}</span> : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A trace's or a session's own results (not its spans'), as a section of its page. */
export function TargetResults({ projectId, targetKind, targetId, title }: { projectId: string; targetKind: "TRACE" | "SESSION"; targetId: string; title: string }) {
  const { state, retry } = useStoredResults(projectId, targetKind, targetId);
  return (
    <section className="detail-section target-results" aria-label={title}>
      <h3>{title}</h3>
      {state.status === "loading" && <LoadingState what="results" />}
      {state.status === "error" && <ErrorState what="results" error={state.error} onRetry={retry} />}
      {state.status === "ok" &&
        (state.data.evaluations.length === 0 ? (
          <p className="muted">
            No evaluations or annotations on the {targetKind.toLowerCase()} itself yet{targetKind === "TRACE" ? " (results on its spans are in each span's Evaluations tab)" : ""}.
          </p>
        ) : (
          <ResultsTable label={title} rows={state.data.evaluations.map(rowOf)} />
        ))}
    </section>
  );
}
