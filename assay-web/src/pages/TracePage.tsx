import { useMemo } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { getTrace } from "../api/traces";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { EmptyState } from "../components/EmptyState";
import { ProjectFrame } from "../components/ProjectFrame";
import { formatCost, formatCount, formatLatency, formatSeconds } from "../format";
import { SpanDetail } from "../traces/SpanDetail";
import { EvaluationChips, StatusBadge } from "../traces/SpanKind";
import { SpanTreeView } from "../traces/SpanTreeView";
import { TargetResults } from "../traces/StoredResults";
import { buildTree, traceExtent } from "../traces/spanTree";
import { projectPath, sessionPath } from "../urls";

/**
 * One trace: its span tree with timeline bars beside the selected span's details. The selected span is
 * in the URL (`?span=<id>`); without one, the root is selected.
 */
export function TracePage() {
  const { projectId, traceId } = useParams() as { projectId: string; traceId: string };
  const [params, setParams] = useSearchParams();
  const { state, retry } = useApi((signal) => getTrace(projectId, traceId, signal), [projectId, traceId]);
  const spans = state.status === "ok" ? state.data.spans : undefined;
  const tree = useMemo(() => (spans ? buildTree(spans) : []), [spans]);
  const extent = useMemo(() => (spans ? traceExtent(spans) : { start: 0, end: 0 }), [spans]);

  return (
    <ProjectFrame projectId={projectId} title="Trace" tabs={false}>
      {() => (
        <>
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            <Link to={projectPath(projectId, "traces")}>Traces</Link> <span aria-hidden="true">/</span>{" "}
            <code>{traceId}</code>
          </nav>
          <AsyncContent what="the trace" state={state} onRetry={retry}>
            {(trace) => {
              const selectedId = params.get("span") ?? trace.root_span_id ?? tree[0]?.span.context.span_id;
              const selected = trace.spans.find((s) => s.context.span_id === selectedId);
              return (
                <>
                  <section className="trace-summary" aria-label="Trace summary">
                    <h2>{trace.name ?? <span className="muted">(root span not received)</span>}</h2>
                    <dl className="facts inline">
                      <dt>Status</dt>
                      <dd>
                        <StatusBadge status={trace.status_code} />
                        {trace.error_count > 0 && (
                          <span className="muted">
                            {" "}
                            {formatCount(trace.error_count)} failed {trace.error_count === 1 ? "span" : "spans"}
                          </span>
                        )}
                      </dd>
                      <dt>Start</dt>
                      <dd>{formatSeconds(trace.start_time)}</dd>
                      <dt>Latency</dt>
                      <dd>{formatLatency(trace.latency_ms)}</dd>
                      <dt>Spans</dt>
                      <dd>{formatCount(trace.span_count)}</dd>
                      <dt>Tokens</dt>
                      <dd>{formatCount(trace.total_tokens)}</dd>
                      <dt>Cost</dt>
                      <dd>{formatCost(trace.cost_total)}</dd>
                      {trace.session_id && (
                        <>
                          <dt>Session</dt>
                          <dd>
                            <Link to={sessionPath(projectId, trace.session_id)}>{trace.session_id}</Link>
                          </dd>
                        </>
                      )}
                    </dl>
                    <EvaluationChips evaluations={trace.evaluations} />
                    {trace.spans_truncated && (
                      <p className="notice" role="note">
                        This trace has more spans than the view loads; {formatCount(trace.spans.length)} of{" "}
                        {formatCount(trace.span_count)} are shown.
                      </p>
                    )}
                  </section>
                  <TargetResults projectId={projectId} targetKind="TRACE" targetId={traceId} title="Trace evaluations" />
                  {trace.spans.length === 0 ? (
                    <EmptyState title="This trace has no spans" />
                  ) : (
                    <div className="trace-layout">
                      <div className="trace-tree-pane">
                        <SpanTreeView
                          roots={tree}
                          extent={extent}
                          selected={selected?.context.span_id}
                          onSelect={(span) => {
                            const next = new URLSearchParams(params);
                            next.set("span", span.context.span_id);
                            setParams(next, { replace: true });
                          }}
                        />
                      </div>
                      <div className="trace-detail-pane">
                        {selected ? (
                          <SpanDetail key={selected.context.span_id} projectId={projectId} span={selected} />
                        ) : (
                          <EmptyState title={`Span ${selectedId ?? ""} is not in this trace`}>
                            <p>Select a span in the tree.</p>
                          </EmptyState>
                        )}
                      </div>
                    </div>
                  )}
                </>
              );
            }}
          </AsyncContent>
        </>
      )}
    </ProjectFrame>
  );
}
