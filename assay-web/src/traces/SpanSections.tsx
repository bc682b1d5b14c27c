import { useState } from "react";
import type { Span } from "../api/traces";
import { formatSeconds } from "../format";
import { formatScore } from "./SpanKind";
import { documents, flatEntries, pretty, str, type Attributes, type Message, type Payload } from "./spanFields";

/* The sections of a span's detail panel: payloads, chat messages, documents, exceptions, attributes. */

export type SpanEvent = NonNullable<Span["events"]>[number];

export function PayloadView({ title, p }: { title: string; p: Payload }) {
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

export function MessageList({ label, messages: list }: { label: string; messages: Message[] }) {
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

export function Documents({ title, docs }: { title: string; docs: ReturnType<typeof documents> }) {
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

export function ExceptionBox({ attributes: a }: { attributes: Attributes }) {
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

export function Events({ events }: { events: SpanEvent[] }) {
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

export function AttributesTable({ a, searchable = true }: { a: Attributes; searchable?: boolean }) {
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

/** A result shown on a span: an evaluation (LLM or code), or a human annotation on the span or its trace. */
export interface SpanResult {
  source: "Evaluation" | "Annotation" | "Trace annotation";
  name: string;
  label?: string;
  score?: number;
  explanation?: string;
}

export function spanResults(span: Span): SpanResult[] {
  return [
    ...(span.evaluations ?? []).map((e) => ({ source: "Evaluation" as const, ...e })),
    ...(span.annotations ?? []).map((e) => ({ source: "Annotation" as const, ...e, explanation: e.text })),
    ...(span.trace_annotations ?? []).map((e) => ({ source: "Trace annotation" as const, ...e, explanation: e.text })),
  ];
}

/** What an LLM call was asked with: invocation parameters, offered tools, prompt template. */
export function LlmRequest({ a, tools }: { a: Attributes; tools: { name?: string; schema: string }[] }) {
  const parameters = str(a, "llm.invocation_parameters");
  const template = str(a, "llm.prompt_template.template");
  const variables = str(a, "llm.prompt_template.variables");
  if (!parameters && tools.length === 0 && !template) return null;
  return (
    <section aria-label="LLM request" className="detail-section">
      <h3>LLM request</h3>
      {parameters && (
        <>
          <h4>Invocation parameters</h4>
          <pre className="payload json">{pretty({ value: parameters }).text}</pre>
        </>
      )}
      {tools.length > 0 && (
        <>
          <h4>Tools offered</h4>
          <ul className="offered-tools" aria-label="Tools offered">
            {tools.map((t, i) => (
              <li key={i}>
                <details>
                  <summary>
                    <code>{t.name ?? `tool ${i + 1}`}</code>
                  </summary>
                  <pre className="payload json">{pretty({ value: t.schema }).text}</pre>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
      {template && (
        <>
          <h4>Prompt template {str(a, "llm.prompt_template.version") && <span className="muted">v{str(a, "llm.prompt_template.version")}</span>}</h4>
          <pre className="payload">{template}</pre>
          {variables && <pre className="payload json">{pretty({ value: variables }).text}</pre>}
        </>
      )}
    </section>
  );
}

/** A TOOL span's tool: name, description and parameter schema. */
export function ToolInfo({ a }: { a: Attributes }) {
  const name = str(a, "tool.name");
  const description = str(a, "tool.description");
  const parameters = str(a, "tool.parameters");
  if (!name && !description && !parameters) return null;
  return (
    <section aria-label="Tool" className="detail-section">
      <h3>Tool</h3>
      {name && <p className="tool-name"><code>{name}</code></p>}
      {description && <p>{description}</p>}
      {parameters && <pre className="payload json">{pretty({ value: parameters }).text}</pre>}
    </section>
  );
}

/** The texts an EMBEDDING span embedded. */
export function EmbeddedTexts({ texts, model }: { texts: string[]; model?: string }) {
  if (texts.length === 0) return null;
  return (
    <section aria-label="Embedded texts" className="detail-section">
      <h3>Embedded texts {model && <span className="muted mime">{model}</span>}</h3>
      <ol className="documents">
        {texts.map((t, i) => (
          <li key={i} className="document">
            <div className="document-content">{t}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
