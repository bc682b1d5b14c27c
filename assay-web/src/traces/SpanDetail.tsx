import { useState } from "react";
import { getSpan, type Span } from "../api/traces";
import { useApi } from "../api/useApi";
import { ErrorState } from "../components/ErrorState";
import { durationMs, formatCost, formatCount, formatLatency, formatSeconds } from "../format";
import { KindIcon, StatusBadge, formatScore } from "./SpanKind";
import {
  attrs, cost, documents, flatEntries, messages, payload, pretty, str, tokens,
  type Attributes, type Message, type Payload,
} from "./spanFields";

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
  const c = cost(a);
  const events = shown.events ?? [];
  const evaluations = [...(shown.evaluations ?? []), ...(shown.annotations ?? []), ...(shown.trace_annotations ?? [])];

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
        {tab === "Evaluations" &&
          (evaluations.length === 0 ? (
            <p className="muted">No evaluations or annotations on this span.</p>
          ) : (
            <EvaluationList evaluations={evaluations} />
          ))}
      </div>
    </section>
  );
}

type SpanEvent = NonNullable<Span["events"]>[number];

function Overview({ a, events }: { a: Attributes; events: SpanEvent[] }) {
  const input = messages(a, "input");
  const output = messages(a, "output");
  const docs = documents(a);
  const reranked = documents(a, "reranker.output_documents");
  const exceptions = events.filter((e) => e.name === "exception");
  const inputValue = payload(a, "input");
  const outputValue = payload(a, "output");
  const nothing = !inputValue && !outputValue && input.length + output.length + docs.length + exceptions.length === 0;
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
      {docs.length > 0 && <Documents title="Retrieved documents" docs={docs} />}
      {reranked.length > 0 && <Documents title="Reranked documents" docs={reranked} />}
      {inputValue && <PayloadView title="Input" p={inputValue} />}
      {outputValue && <PayloadView title="Output" p={outputValue} />}
      {nothing && <p className="muted">This span carries no input, output, messages or documents.</p>}
    </>
  );
}

function PayloadView({ title, p }: { title: string; p: Payload }) {
  const { text, json } = pretty(p);
  return (
    <section aria-label={title} className="detail-section">
      <h3>
        {title} {p.mimeType && <span className="muted mime">{p.mimeType}</span>}
      </h3>
      <pre className={json ? "payload json" : "payload"}>{text}</pre>
    </section>
  );
}

function MessageList({ label, messages: list }: { label: string; messages: Message[] }) {
  return (
    <ol className="messages" aria-label={label}>
      {list.map((m, i) => (
        <li key={i} className={`message role-${m.role}`} aria-label={`${m.role} message`}>
          <div className="message-role">
            {m.role}
            {m.name && <span className="muted"> · {m.name}</span>}
            {m.toolCallId && <span className="muted"> · reply to {m.toolCallId}</span>}
          </div>
          {m.content && <div className="message-content">{m.content}</div>}
          {m.toolCalls.map((call, j) => (
            <div key={j} className="tool-call" aria-label={`Tool call ${call.name ?? ""}`.trim()}>
              <div className="tool-call-name">
                <span className="muted">calls</span> <code>{call.name ?? "(unnamed function)"}</code>
                {call.id && <span className="muted"> · {call.id}</span>}
              </div>
              {call.arguments && <pre className="payload json">{pretty({ value: call.arguments }).text}</pre>}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

function Documents({ title, docs }: { title: string; docs: ReturnType<typeof documents> }) {
  return (
    <section aria-label={title} className="detail-section">
      <h3>{title}</h3>
      <ol className="documents">
        {docs.map((d, i) => (
          <li key={i} className="document" aria-label={`Document ${d.id ?? i + 1}`}>
            <div className="document-head">
              <span>{d.id ? <code>{d.id}</code> : `Document ${i + 1}`}</span>
              {d.score != null && <span className="document-score">score {formatScore(d.score)}</span>}
            </div>
            {d.content && <div className="document-content">{d.content}</div>}
            {d.metadata && <pre className="payload json">{pretty({ value: d.metadata }).text}</pre>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ExceptionBox({ attributes: a }: { attributes: Attributes }) {
  const stack = str(a, "exception.stacktrace");
  return (
    <section className="exception" role="group" aria-label="Exception">
      <p className="exception-head">
        <strong>{str(a, "exception.type") ?? "Exception"}</strong>
        {str(a, "exception.message") && <>: {str(a, "exception.message")}</>}
      </p>
      {stack && (
        <details>
          <summary>Stack trace</summary>
          <pre className="payload">{stack}</pre>
        </details>
      )}
    </section>
  );
}

function Events({ events }: { events: SpanEvent[] }) {
  if (events.length === 0) {
    return <p className="muted">No events on this span.</p>;
  }
  return (
    <ol className="events">
      {events.map((e, i) => {
        const a = (e.attributes ?? {}) as Attributes;
        return (
          <li key={i}>
            <div className="event-head">
              <strong>{e.name}</strong> <span className="muted">{formatSeconds(e.timestamp)}</span>
            </div>
            {e.name === "exception" ? <ExceptionBox attributes={a} /> : <AttributesTable a={a} searchable={false} />}
          </li>
        );
      })}
    </ol>
  );
}

function AttributesTable({ a, searchable = true }: { a: Attributes; searchable?: boolean }) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const rows = flatEntries(a).filter(([k, v]) => !q || k.toLowerCase().includes(q) || v.toLowerCase().includes(q));
  return (
    <div className="attributes">
      {searchable && (
        <input
          type="search"
          className="attr-search"
          aria-label="Search attributes"
          placeholder="Search attributes"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      {rows.length === 0 ? (
        <p className="muted">{q ? "No attribute matches." : "No attributes."}</p>
      ) : (
        <table className="data-table attr-table" aria-label="Attributes">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <td className="wrap">
                  <code>{k}</code>
                </td>
                <td className="wrap attr-value">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function EvaluationList({ evaluations }: { evaluations: { name: string; label?: string; score?: number; explanation?: string; text?: string }[] }) {
  return (
    <table className="data-table" aria-label="Evaluations">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Label</th>
          <th scope="col" className="numeric">Score</th>
          <th scope="col">Explanation</th>
        </tr>
      </thead>
      <tbody>
        {evaluations.map((e, i) => (
          <tr key={`${e.name}-${i}`}>
            <td>{e.name}</td>
            <td>{e.label ?? "—"}</td>
            <td className="numeric">{e.score != null ? formatScore(e.score) : "—"}</td>
            <td className="wrap">{e.explanation ?? e.text ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

