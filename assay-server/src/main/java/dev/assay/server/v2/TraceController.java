package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.scope;

import dev.assay.shared.Page;
import dev.assay.traces.SpanService;
import dev.assay.traces.Trace;
import dev.assay.traces.TraceQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v2/traces} (AX's {@code list_traces}), {@code GET} and {@code DELETE /v2/traces/{trace_id}}.
 * A trace is listed when it starts in the window and, with a filter, when any of its spans matches.
 */
public final class TraceController {
  /** AX's {@code ListTracesRequest} plus Assay's {@code include_spans} (null: true, as AX always includes them). */
  public record ListTracesRequest(String projectId, Instant startTime, Instant endTime, String filter, Boolean includeSpans) {}

  /** AX's {@code ListTracesResponse}. */
  public record TraceList(List<TraceJson> traces, Pagination pagination) {}

  private final SpanService service;
  private final SpanController spans;

  public TraceController(SpanService service, SpanController spans) {
    if (service == null || spans == null) {
      throw new NullPointerException("service and spans are required");
    }
    this.service = service;
    this.spans = spans;
  }

  /** {@code POST /v2/traces?limit=&cursor=} with a {@link ListTracesRequest} body. */
  public void list(Context ctx) {
    ListTracesRequest body = ctx.bodyAsClass(ListTracesRequest.class);
    Integer limit = ctx.queryParamAsClass("limit", Integer.class)
        .check(l -> l == null || (l >= 1 && l <= TraceQuery.MAX_LIMIT), "limit must be between 1 and " + TraceQuery.MAX_LIMIT)
        .getOrDefault(TraceQuery.DEFAULT_LIMIT);
    Page<Trace> page = service.listTraces(scope(ctx), project(body.projectId()), body.startTime(), body.endTime(),
        body.filter(), V2Requests.query(ctx, "cursor"), limit, body.includeSpans() == null || body.includeSpans());
    ctx.json(new TraceList(TraceJson.of(page.items(), spans, scope(ctx)), Pagination.of(page)));
  }

  /** {@code GET /v2/traces/{trace_id}?project_id=}: one trace with all its spans. */
  public void get(Context ctx) {
    ctx.json(TraceJson.of(service.getTrace(scope(ctx), project(V2Requests.query(ctx, "project_id")), ctx.pathParam("trace_id")),
        spans, scope(ctx)));
  }

  /** {@code DELETE /v2/traces/{trace_id}?project_id=}: 204. */
  public void delete(Context ctx) {
    service.deleteTrace(scope(ctx), project(V2Requests.query(ctx, "project_id")), ctx.pathParam("trace_id"));
    ctx.status(204);
  }

  static String project(String ref) {
    return ApiIds.decode(ProjectController.TYPE, ref);
  }
}
