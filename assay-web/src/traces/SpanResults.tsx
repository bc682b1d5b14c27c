import type { Span } from "../api/traces";
import { ErrorState } from "../components/ErrorState";
import { LoadingState } from "../components/LoadingState";
import { spanResults } from "./SpanSections";
import { ResultsTable, rowOf, useStoredResults, type ResultRow } from "./StoredResults";

/**
 * The results on a span: its stored evaluations and annotations (with passed, annotator and error, which
 * the span payload leaves out; failed evaluations appear only here), then the human annotations on its
 * trace. While the stored results load or when they cannot be read, the span payload's own list stands in.
 */
export function SpanResults({ projectId, span }: { projectId: string; span: Span }) {
  const { state, retry } = useStoredResults(projectId, "SPAN", span.context.span_id);
  const fromPayload: ResultRow[] = spanResults(span).map((r, i) => ({ key: `p${i}`, ...r }));
  const traceAnnotations = fromPayload.filter((r) => r.source === "Trace annotation");
  const rows = state.status === "ok" ? [...state.data.evaluations.map(rowOf), ...traceAnnotations] : fromPayload;
  return (
    <>
      {state.status === "loading" && rows.length === 0 && <LoadingState what="results" />}
      {state.status === "error" && <ErrorState what="the stored results (showing the span's own list)" error={state.error} onRetry={retry} />}
      {state.status !== "loading" && rows.length === 0 ? (
        <p className="muted">No evaluations or annotations on this span.</p>
      ) : (
        rows.length > 0 && <ResultsTable label="Evaluations" rows={rows} />
      )}
    </>
  );
}
