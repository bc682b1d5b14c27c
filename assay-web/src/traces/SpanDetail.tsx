import { useState } from "react";
import { getSpan, type Span } from "../api/traces";
import { useApi } from "../api/useApi";
import { ErrorState } from "../components/ErrorState";
import { durationMs, formatCost, formatCount, formatLatency, formatSeconds } from "../format";
import { KindIcon, StatusBadge } from "./SpanKind";
import { SpanResults } from "./SpanResults";
import {
  AttributesTable, Documents, EmbeddedTexts, Events, ExceptionBox, LlmRequest, MessageList,
  PayloadView, spanResults, ToolInfo, type SpanEvent,
} from "./SpanSections";
import { attrs, cost, documents, embeddedTexts, messages, offeredTools, payload, str, tags, tokens, type Attributes } from "./spanFields";

const TABS = ["Overview", "Attributes", "Events", "Evaluations"] as const;
type Tab = (typeof TABS)[number];

/**
 * One span's details. A preview span (`truncated_attributes` not empty) is shown at once and fetched
 * whole in the background; the cut values are marked as loading until it arrives.
 */
export function SpanDetail({ projectId, span }: { projectId: string; span: Span }) {
  const truncated = span.truncated_attributes ?? [];
  const id = span.context.span_id;
  const full = useApi(
    (signal) => (truncated.length > 0 ? getSpan(projectId, span.context.trace_id, id, signal) : Promise.resolve(span)),
    [projectId, id, truncated.length],
  );
  const shown = full.state.status === "ok" ? full.state.data : span;
  const loadingFull = truncated.length > 0 && full.state.status === "loading";
  const [tab, setTab] = useState<Tab>("Overview");
  const a = attrs(shown);
  const t = tokens(a);
  const c = cost(shown);
  const events = shown.events ?? [];
  const evaluations = spanResults(shown);

  return (
    <section className="span-detail" aria-label={`Span ${shown.name}`}>
      <header className="span-detail-header">
        <h2>
          <KindIcon kind={shown.kind} /> {shown.name}
        </h2>
        <dl className="facts inline">
          <dt>Kind</dt>
          <dd>{shown.kind}</dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={shown.status_code} />
            {shown.status_message && <span className="status-message"> {shown.status_message}</span>}
          </dd>
          <dt>Start</dt>
          <dd>{formatSeconds(shown.start_time)}</dd>
          <dt>Latency</dt>
          <dd>{formatLatency(durationMs(shown.start_time, shown.end_time))}</dd>
          {t.total != null && (
            <>
              <dt>Tokens</dt>
              <dd>
                {formatCount(t.total)}
                {(t.prompt != null || t.completion != null) && (
                  <span className="muted"> ({formatCount(t.prompt)} prompt, {formatCount(t.completion)} completion)</span>
                )}
              </dd>
            </>
          )}
          {c != null && (
            <>
              <dt>Cost</dt>
              <dd>{formatCost(c)}</dd>
            </>
          )}
          {str(a, "llm.model_name") && (
            <>
              <dt>Model</dt>
              <dd>{str(a, "llm.model_name")}</dd>
            </>
          )}
          <dt>Span ID</dt>
          <dd>
            <code>{id}</code>
          </dd>
        </dl>
        {tags(a).length > 0 && (
          <ul className="tag-list" aria-label="Tags">
            {tags(a).map((t) => (
              <li key={t} className="eval-chip">
                {t}
              </li>
            ))}
          </ul>
        )}
        {loadingFull && (
          <p className="loading-full" role="status">
            <span className="spinner" aria-hidden="true" /> Loading full value of {truncated.join(", ")}…
          </p>
        )}
        {full.state.status === "error" && (
          <ErrorState what="the full span (showing a preview)" error={full.state.error} onRetry={full.retry} />
        )}
      </header>
      <div role="tablist" aria-label="Span details" className="tabs span-tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            className={tab === name ? "active" : undefined}
            onClick={() => setTab(name)}
          >
            {name}
            {name === "Events" && events.length > 0 && <span className="count"> {events.length}</span>}
            {name === "Evaluations" && evaluations.length > 0 && <span className="count"> {evaluations.length}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="span-panel">
        {tab === "Overview" && <Overview a={a} events={events} />}
        {tab === "Attributes" && <AttributesTable a={a} />}
        {tab === "Events" && <Events events={events} />}
        {tab === "Evaluations" && <SpanResults projectId={projectId} span={shown} />}
      </div>
    </section>
  );
}

function Overview({ a, events }: { a: Attributes; events: SpanEvent[] }) {
  const input = messages(a, "input");
  const output = messages(a, "output");
  const docs = documents(a);
  const reranked = documents(a, "reranker.output_documents");
  const exceptions = events.filter((e) => e.name === "exception");
  const tools = offeredTools(a);
  const texts = embeddedTexts(a);
  const inputValue = payload(a, "input");
  const outputValue = payload(a, "output");
  const nothing = !inputValue && !outputValue
    && input.length + output.length + docs.length + exceptions.length + tools.length + texts.length === 0;
  return (
    <>
      {exceptions.map((e, i) => (
        <ExceptionBox key={i} attributes={(e.attributes ?? {}) as Attributes} />
      ))}
      {(input.length > 0 || output.length > 0) && (
        <section aria-label="Messages" className="detail-section">
          <h3>Messages</h3>
          {input.length > 0 && <MessageList label="Input messages" messages={input} />}
          {output.length > 0 && <MessageList label="Output messages" messages={output} />}
        </section>
      )}
      <LlmRequest a={a} tools={tools} />
      <ToolInfo a={a} />
      <EmbeddedTexts texts={texts} model={str(a, "embedding.model_name")} />
      {docs.length > 0 && <Documents title="Retrieved documents" docs={docs} />}
      {reranked.length > 0 && <Documents title="Reranked documents" docs={reranked} />}
      {inputValue && <PayloadView title="Input" p={inputValue} />}
      {outputValue && <PayloadView title="Output" p={outputValue} />}
      {str(a, "metadata") && <PayloadView title="Metadata" p={{ value: str(a, "metadata")!, mimeType: "application/json" }} />}
      {nothing && <p className="muted">This span carries no input, output, messages or documents.</p>}
    </>
  );
}

