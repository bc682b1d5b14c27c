import { useCallback, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { listSpans, listTraces, type Span, type Trace } from "../api/traces";
import type { Column } from "../components/DataTable";
import { areaSummary } from "../areas";
import { ProjectFrame } from "../components/ProjectFrame";
import { FromSpansButton } from "../datasets/FromSpansButton";
import { durationMs, formatCost, formatCount, formatLatency, formatSeconds, preview } from "../format";
import { InfiniteTable, RefreshButton, useListQuery } from "../traces/InfiniteTable";
import { TimeRangePicker } from "../traces/ListControls";
import { EvaluationChips, KindIcon, StatusBadge } from "../traces/SpanKind";
import { evaluationColumns, evaluationNames, EvaluationFilter } from "../traces/evalColumns";
import { attrs, cost, str, tokens } from "../traces/spanFields";
import { useInfiniteList } from "../traces/useInfiniteList";
import { tracePath } from "../urls";

const PAGE_SIZE = 50;


/**
 * The traces (or spans) of a project, newest first: `?view=spans` switches to spans, `?filter=` holds a
 * filter-language expression, `?range=` the time window. Further pages load as the table's end scrolls
 * into view.
 */
export function TracesPage() {
  const projectId = useParams().projectId!;
  const [params, setParams] = useSearchParams();
  const view = params.get("view") === "spans" ? "spans" : "traces";
  const [refreshes, setRefreshes] = useState(0);
  return (
    <ProjectFrame projectId={projectId} title="Traces" description={areaSummary("traces")}>
      {() => (
        <>
          <div className="list-toolbar">
            <div className="segmented" role="group" aria-label="Show">
              {(["traces", "spans"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={view === v}
                  className={view === v ? "button active" : "button"}
                  onClick={() => {
                    const next = new URLSearchParams(params);
                    if (v === "spans") next.set("view", "spans");
                    else next.delete("view");
                    setParams(next);
                  }}
                >
                  {v === "traces" ? "Traces" : "Spans"}
                </button>
              ))}
            </div>
            <div className="toolbar-end">
              <TimeRangePicker />
              <RefreshButton onRefresh={() => setRefreshes((n) => n + 1)} />
              <FromSpansButton projectId={projectId} />
            </div>
          </div>
          {view === "traces" ? (
            <TraceList projectId={projectId} refreshes={refreshes} />
          ) : (
            <SpanList projectId={projectId} refreshes={refreshes} />
          )}
        </>
      )}
    </ProjectFrame>
  );
}

function TraceList({ projectId, refreshes }: { projectId: string; refreshes: number }) {
  const { key, query, filtered } = useListQuery(projectId, refreshes);
  const list = useInfiniteList<Trace>(
    key,
    useCallback(
      (cursor, signal) =>
        listTraces(query, { cursor, limit: PAGE_SIZE }, signal).then((r) => ({ items: r.traces, pagination: r.pagination })),
      [query],
    ),
  );
  const columns: Column<Trace>[] = [
    { header: "Start time", cell: (t) => formatSeconds(t.start_time) },
    {
      header: "Name",
      cell: (t) => (
        <>
          <Link to={tracePath(projectId, t.trace_id)} className="row-link">
            {t.name ?? <span className="muted">(root span not received)</span>}
          </Link>
          <span className="sub">
            {formatCount(t.span_count)} {t.span_count === 1 ? "span" : "spans"}
          </span>
        </>
      ),
    },
    { header: "Status", cell: (t) => <StatusBadge status={t.status_code} /> },
    { header: "Input", wrap: true, cell: (t) => <span className="preview">{preview(t.input)}</span> },
    { header: "Output", wrap: true, cell: (t) => <span className="preview">{preview(t.output)}</span> },
    { header: "Latency", numeric: true, cell: (t) => formatLatency(t.latency_ms) },
    { header: "Tokens", numeric: true, cell: (t) => formatCount(t.total_tokens) },
    { header: "Cost", numeric: true, cell: (t) => formatCost(t.cost_total) },
  ];
  const evals = (t: Trace) => t.evaluations;
  const names = evaluationNames(list.items, evals);
  return (
    <InfiniteTable
      label="Traces"
      what="traces"
      list={list}
      columns={[...columns, ...evaluationColumns(names, evals)]}
      rowKey={(t) => t.trace_id}
      filtered={filtered}
      controls={<EvaluationFilter names={names} />}
    />
  );
}

function SpanList({ projectId, refreshes }: { projectId: string; refreshes: number }) {
  const { key, query, filtered } = useListQuery(projectId, refreshes);
  const list = useInfiniteList<Span>(
    key,
    useCallback(
      (cursor, signal) =>
        listSpans(query, { cursor, limit: PAGE_SIZE }, signal).then((r) => ({ items: r.spans, pagination: r.pagination })),
      [query],
    ),
  );
  const columns: Column<Span>[] = [
    { header: "Start time", cell: (s) => formatSeconds(s.start_time) },
    {
      header: "Name",
      cell: (s) => (
        <Link to={tracePath(projectId, s.context.trace_id, s.context.span_id)} className="row-link">
          {s.name}
        </Link>
      ),
    },
    {
      header: "Kind",
      cell: (s) => (
        <span className="kind-cell">
          <KindIcon kind={s.kind} /> {s.kind}
        </span>
      ),
    },
    { header: "Status", cell: (s) => <StatusBadge status={s.status_code} /> },
    { header: "Input", wrap: true, cell: (s) => <span className="preview">{preview(str(attrs(s), "input.value"))}</span> },
    { header: "Output", wrap: true, cell: (s) => <span className="preview">{preview(str(attrs(s), "output.value"))}</span> },
    { header: "Latency", numeric: true, cell: (s) => formatLatency(durationMs(s.start_time, s.end_time)) },
    { header: "Tokens", numeric: true, cell: (s) => formatCount(tokens(attrs(s)).total) },
    { header: "Cost", numeric: true, cell: (s) => formatCost(cost(s)) },
  ];
  if (list.items.some((s) => (s.annotations ?? []).length > 0)) {
    columns.push({ header: "Annotations", cell: (s) => <EvaluationChips evaluations={s.annotations} /> });
  }
  const evals = (s: Span) => s.evaluations;
  const names = evaluationNames(list.items, evals);
  return (
    <InfiniteTable
      controls={<EvaluationFilter names={names} />}
      label="Spans"
      what="spans"
      list={list}
      columns={[...columns, ...evaluationColumns(names, evals)]}
      rowKey={(s) => `${s.context.trace_id}/${s.context.span_id}`}
      filtered={filtered}
    />
  );
}
