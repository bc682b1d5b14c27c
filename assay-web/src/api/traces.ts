import { api, unwrap, type Schemas } from "./client";

/*
 * The trace query API (issue 4): traces, sessions, one span; typed by the server's OpenAPI document
 * like every other call, so a field the server does not define fails the type-check.
 */

/** An AX span; a preview lists the attribute keys that were cut in `truncated_attributes`. */
export type Span = Schemas["Span"];
export type Trace = Schemas["Trace"];
export type Session = Schemas["Session"];
export type SessionWithTraces = Schemas["SessionDetail"];
export type Evaluation = Schemas["Evaluation"];
export type Page = Schemas["PaginationMetadata"];

/** The selection every list takes: a project, a time window and an optional filter. */
export interface Query {
  project_id: string;
  start_time?: string;
  end_time?: string;
  filter?: string;
}

interface PageRequest {
  cursor?: string;
  limit?: number;
}

/** Traces without their spans: the list shows the roll-ups, the trace view loads the spans. */
export function listTraces(query: Query, page: PageRequest, signal?: AbortSignal) {
  return unwrap(api.POST("/v2/traces", { params: { query: page }, body: { ...query, include_spans: false }, signal }));
}

export function listSpans(query: Query, page: PageRequest, signal?: AbortSignal) {
  return unwrap(api.POST("/v2/spans", { params: { query: page }, body: query, signal }));
}

export function listSessions(query: Query, page: PageRequest, signal?: AbortSignal) {
  return unwrap(api.POST("/v2/sessions", { params: { query: page }, body: query, signal }));
}

export function getTrace(projectId: string, traceId: string, signal?: AbortSignal) {
  return unwrap(
    api.GET("/v2/traces/{trace_id}", { params: { path: { trace_id: traceId }, query: { project_id: projectId } }, signal }),
  );
}

/** One span whole: the values a preview cut come back complete. */
export function getSpan(projectId: string, traceId: string, spanId: string, signal?: AbortSignal) {
  return unwrap(
    api.GET("/v2/spans/{span_id}", {
      params: { path: { span_id: spanId }, query: { project_id: projectId, trace_id: traceId } },
      signal,
    }),
  );
}

export function getSession(projectId: string, sessionId: string, signal?: AbortSignal) {
  return unwrap(
    api.GET("/v2/sessions/{session_id}", {
      params: { path: { session_id: sessionId }, query: { project_id: projectId } },
      signal,
    }),
  );
}
