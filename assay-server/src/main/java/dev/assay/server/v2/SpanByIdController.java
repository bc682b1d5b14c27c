package dev.assay.server.v2;

import static dev.assay.server.v2.TraceController.project;
import static dev.assay.server.v2.V2Requests.scope;

import dev.assay.traces.SpanDeletion;
import dev.assay.traces.SpanService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v2/spans/{span_id}} (one span, whole) and {@code DELETE /v2/spans} (AX's {@code delete_spans}).
 * Kept apart from {@link SpanController}, which lists spans, so each class stays about one request shape.
 */
public final class SpanByIdController {
  /** AX's {@code DeleteSpansRequest}. */
  public record DeleteSpansRequest(String projectId, List<String> spanIds, Instant startTime, Instant endTime) {}

  /**
   * AX's {@code DeleteSpansResponse}. {@code completed} is always true: the delete is one transaction, so
   * every requested id is in exactly one of the lists.
   */
  public record DeleteSpansResponse(boolean completed, List<String> deletedSpanIds, List<String> notDeletedSpanIds) {}

  private final SpanService service;
  private final SpanController spans;

  public SpanByIdController(SpanService service, SpanController spans) {
    if (service == null || spans == null) {
      throw new NullPointerException("service and spans are required");
    }
    this.service = service;
    this.spans = spans;
  }

  /** {@code GET /v2/spans/{span_id}?project_id=[&trace_id=]}. */
  public void get(Context ctx) {
    ctx.json(spans.toJson(service.getSpan(scope(ctx), project(V2Requests.query(ctx, "project_id")), ctx.pathParam("span_id"),
        V2Requests.query(ctx, "trace_id"))));
  }

  /** {@code DELETE /v2/spans} with a {@link DeleteSpansRequest} body. */
  public void delete(Context ctx) {
    DeleteSpansRequest body = ctx.bodyAsClass(DeleteSpansRequest.class);
    SpanDeletion result = service.deleteSpans(scope(ctx), project(body.projectId()), body.spanIds(), body.startTime(),
        body.endTime());
    ctx.json(new DeleteSpansResponse(true, result.deletedSpanIds(), result.notDeletedSpanIds()));
  }
}
