package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.auth.AccessScope;
import dev.assay.shared.Times;
import dev.assay.traces.Session;
import dev.assay.traces.SessionDetail;
import dev.assay.traces.SessionSummary;
import java.time.Instant;
import java.util.List;

/** Assay's {@code Session}: a session's roll-up with previews of its first input and last output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionJson(String sessionId, String userId, Instant startTime, Instant endTime, String firstInput,
    String lastOutput, long traceCount, long spanCount, long errorCount, long totalTokens, double costTotal,
    List<TraceJson.EvaluationJson> evaluations) {

  static SessionJson of(Session session) {
    SessionSummary s = session.summary();
    return new SessionJson(s.sessionId(), s.userId(), Times.instant(s.startTime()), Times.instant(s.endTime()),
        s.firstInput(), s.lastOutput(), s.traceCount(), s.spanCount(), s.errorCount(), s.totalTokens(), s.costTotal(),
        TraceJson.EvaluationJson.of(session.evaluations()));
  }

  /** Assay's {@code SessionDetail}: the session's fields plus its traces (without spans), oldest first. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Detail(String sessionId, String userId, Instant startTime, Instant endTime, String firstInput,
      String lastOutput, long traceCount, long spanCount, long errorCount, long totalTokens, double costTotal,
      List<TraceJson.EvaluationJson> evaluations, List<TraceJson> traces) {

    static Detail of(SessionDetail detail, SpanController spans, AccessScope scope) {
      SessionJson s = SessionJson.of(detail.session());
      return new Detail(s.sessionId(), s.userId(), s.startTime(), s.endTime(), s.firstInput(), s.lastOutput(),
          s.traceCount(), s.spanCount(), s.errorCount(), s.totalTokens(), s.costTotal(), s.evaluations(),
          TraceJson.of(detail.traces(), spans, scope));
    }
  }
}
