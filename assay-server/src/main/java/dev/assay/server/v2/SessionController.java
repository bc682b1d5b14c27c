package dev.assay.server.v2;

import static dev.assay.server.v2.TraceController.project;
import static dev.assay.server.v2.V2Requests.scope;

import dev.assay.shared.Page;
import dev.assay.traces.Session;
import dev.assay.traces.SessionQuery;
import dev.assay.traces.SpanService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v2/sessions}, {@code GET} and {@code DELETE /v2/sessions/{session_id}}: Assay's own resource
 * in AX's style. A session is listed when it starts in the window and, with a filter, when any span of
 * any of its traces matches.
 */
public final class SessionController {
  /** Assay's {@code ListSessionsRequest}, shaped like AX's {@code ListTracesRequest}. */
  public record ListSessionsRequest(String projectId, Instant startTime, Instant endTime, String filter) {}

  /** Assay's {@code ListSessionsResponse}. */
  public record SessionList(List<SessionJson> sessions, Pagination pagination) {}

  private final SpanService service;
  private final SpanController spans;

  public SessionController(SpanService service, SpanController spans) {
    if (service == null || spans == null) {
      throw new NullPointerException("service and spans are required");
    }
    this.service = service;
    this.spans = spans;
  }

  /** {@code POST /v2/sessions?limit=&cursor=} with a {@link ListSessionsRequest} body. */
  public void list(Context ctx) {
    ListSessionsRequest body = ctx.bodyAsClass(ListSessionsRequest.class);
    Integer limit = ctx.queryParamAsClass("limit", Integer.class)
        .check(l -> l == null || (l >= 1 && l <= SessionQuery.MAX_LIMIT), "limit must be between 1 and " + SessionQuery.MAX_LIMIT)
        .getOrDefault(SessionQuery.DEFAULT_LIMIT);
    Page<Session> page = service.listSessions(scope(ctx), project(body.projectId()), body.startTime(), body.endTime(),
        body.filter(), V2Requests.query(ctx, "cursor"), limit);
    ctx.json(new SessionList(page.items().stream().map(SessionJson::of).toList(), Pagination.of(page)));
  }

  /** {@code GET /v2/sessions/{session_id}?project_id=}: the session with its traces, oldest first. */
  public void get(Context ctx) {
    ctx.json(SessionJson.Detail.of(service.getSession(scope(ctx), project(V2Requests.query(ctx, "project_id")),
        ctx.pathParam("session_id")), spans));
  }

  /** {@code DELETE /v2/sessions/{session_id}?project_id=}: 204. */
  public void delete(Context ctx) {
    service.deleteSession(scope(ctx), project(V2Requests.query(ctx, "project_id")), ctx.pathParam("session_id"));
    ctx.status(204);
  }
}
