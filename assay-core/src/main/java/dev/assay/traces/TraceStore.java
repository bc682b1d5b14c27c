package dev.assay.traces;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import java.util.Collection;
import java.util.Optional;

/**
 * Reads traces and sessions (their roll-ups with spans, root input/output and evaluations) and deletes
 * spans, traces and sessions. Every read of a span uses the list (preview) columns of
 * {@link SpanStore#search}. Every delete runs in one transaction that also recomputes the roll-ups of the
 * traces and sessions it touched from their remaining spans, removes a trace or session left without
 * spans, and removes the evaluations whose target went. An unknown or invisible project reads as empty.
 */
public interface TraceStore {
  /** At most this many spans per trace in a trace list. */
  int LIST_SPAN_CAP = 1_000;
  /** At most this many spans in one trace read by id. */
  int GET_SPAN_CAP = 10_000;
  /** At most this many traces in one session read by id. */
  int SESSION_TRACE_CAP = 10_000;
  /** Length of the previews of a session's first input and last output (as {@code SpanPreview.MAX_CHARS}). */
  int PREVIEW_CHARS = SpanPreview.MAX_CHARS;

  /** The trace of span {@code spanId}; when several traces hold that span id, the one with the latest such span. */
  Optional<String> traceOfSpan(AccessScope scope, String projectId, String spanId);

  /**
   * One page of traces, ordered by start time descending, then trace id descending. A cursor that does
   * not decode is an {@link dev.assay.shared.InvalidInputException}.
   */
  Page<Trace> listTraces(AccessScope scope, TraceQuery query);

  /** One trace with its spans (at most {@link #GET_SPAN_CAP}), or empty when unknown. */
  Optional<Trace> getTrace(AccessScope scope, String projectId, String traceId);

  /** One page of sessions, ordered by start time descending, then session id descending. */
  Page<Session> listSessions(AccessScope scope, SessionQuery query);

  /** One session with its traces (without spans) by start time ascending, or empty when unknown. */
  Optional<SessionDetail> getSession(AccessScope scope, String projectId, String sessionId);

  /**
   * Deletes the project's spans whose id is in {@code spanIds} and whose start lies in
   * {@code [startTime, endTime)}, in every trace that holds such a span.
   */
  SpanDeletion deleteSpans(AccessScope scope, String projectId, Collection<String> spanIds, long startTime, long endTime);

  /** Deletes a trace with its spans; false when there was no such trace. */
  boolean deleteTrace(AccessScope scope, String projectId, String traceId);

  /** Deletes a session with all its traces; false when there was no such session. */
  boolean deleteSession(AccessScope scope, String projectId, String sessionId);
}
