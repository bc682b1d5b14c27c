import { unwrap, type Schemas } from "./client";

/*
 * The query API of issue 4 (traces, sessions, one span), typed by hand after the shared contract until
 * the server's OpenAPI document describes it; spans already come typed from `POST /v2/spans`.
 */

/** An AX span; a preview lists the attribute keys that were cut in `truncated_attributes`. */
export type Span = Schemas["Span"] & { truncated_attributes?: string[] };
export type Evaluation = Schemas["Evaluation"];
export type Annotation = Schemas["Annotation"];

export interface Page {
  next_cursor?: string | null;
  has_more: boolean;
}

export interface Trace {
  trace_id: string;
  root_span_id?: string | null;
  start_time: string;
  end_time: string;
  spans_truncated: boolean;
  spans: Span[];
  name: string | null;
  span_count: number;
  error_count: number;
  status_code: "OK" | "ERROR" | string;
  latency_ms: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cost_total: number | null;
  session_id?: string | null;
  input?: string | null;
  output?: string | null;
  evaluations: Evaluation[];
}

export interface Session {
  session_id: string;
  user_id?: string | null;
  start_time: string;
  end_time: string;
  first_input?: string | null;
  last_output?: string | null;
  trace_count: number;
  span_count: number;
  error_count: number;
  total_tokens: number | null;
  cost_total: number | null;
  evaluations: Evaluation[];
}

export interface SessionWithTraces extends Session {
  traces: Trace[];
}

/** The selection every list takes: a project, a time window and an optional filter. */
export interface Query {
  project_id: string;
  start_time?: string;
  end_time?: string;
  filter?: string;
}

interface Call {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

/** One JSON call in openapi-fetch's result shape, so {@link unwrap} turns failures into the same ApiError. */
async function call(method: "GET" | "POST", path: string, { query, body, signal }: Call) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      search.set(key, String(value));
    }
  }
  const qs = search.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path, {
    method,
    signal,
    headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): unwrap shows the text.
  }
  return response.ok ? { data: parsed, response } : { error: parsed, response };
}

const enc = encodeURIComponent;

export function listTraces(query: Query, page: { cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(
    call("POST", "/v2/traces", { query: { ...page }, body: { ...query, include_spans: false }, signal }),
  ) as Promise<{ traces: Trace[]; pagination: Page }>;
}

export function listSpans(query: Query, page: { cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(call("POST", "/v2/spans", { query: { ...page }, body: query, signal })) as Promise<{
    spans: Span[];
    pagination: Page;
  }>;
}

export function listSessions(query: Query, page: { cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(call("POST", "/v2/sessions", { query: { ...page }, body: query, signal })) as Promise<{
    sessions: Session[];
    pagination: Page;
  }>;
}

export function getTrace(projectId: string, traceId: string, signal?: AbortSignal) {
  return unwrap(call("GET", `/v2/traces/${enc(traceId)}`, { query: { project_id: projectId }, signal })) as Promise<Trace>;
}

/** One span whole: the values a preview cut come back complete. */
export function getSpan(projectId: string, traceId: string, spanId: string, signal?: AbortSignal) {
  return unwrap(
    call("GET", `/v2/spans/${enc(spanId)}`, { query: { project_id: projectId, trace_id: traceId }, signal }),
  ) as Promise<Span>;
}

export function getSession(projectId: string, sessionId: string, signal?: AbortSignal) {
  return unwrap(
    call("GET", `/v2/sessions/${enc(sessionId)}`, { query: { project_id: projectId }, signal }),
  ) as Promise<SessionWithTraces>;
}
