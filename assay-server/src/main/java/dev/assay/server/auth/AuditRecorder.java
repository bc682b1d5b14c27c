package dev.assay.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.Principal;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code afterMatched} handler that writes successful calls of {@link Audited#YES} routes to the audit log:
 * who (the principal), from where (the client address), what ({@code "DELETE /v2/projects/{project_id}"}, the route
 * as declared, plus the request path) and the request body with its secrets {@link Redaction redacted}.
 */
public final class AuditRecorder {
  private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

  /** Where entries go: {@code AuditService.record}. */
  @FunctionalInterface
  public interface Sink {
    void record(Principal actor, String ip, String operation, String text);
  }

  private final Sink sink;
  private final ObjectMapper json;

  public AuditRecorder(Sink sink, ObjectMapper json) {
    if (sink == null || json == null) {
      throw new NullPointerException("sink and json are required");
    }
    this.sink = sink;
    this.json = json;
  }

  public void handle(Context ctx) {
    if (!ctx.routeRoles().contains(Audited.YES) || ctx.statusCode() >= 300) {
      return;
    }
    RequestAuth.Resolved resolved = RequestAuth.resolved(ctx);
    Principal actor = resolved == null || resolved.principal() == null ? Principal.local() : resolved.principal();
    String operation = ctx.method().name() + " " + routePath(ctx);
    String text = "path " + ctx.path();
    String body = Redaction.redact(json, ctx.bodyAsBytes());
    if (!body.isEmpty()) {
      text += " body " + body;
    }
    try {
      sink.record(actor, ctx.ip(), operation, text);
    } catch (RuntimeException e) {
      // The change is committed and answered; a lost audit line is logged loudly rather than turning it into a 500.
      log.error("could not write the audit entry for {} by {}", operation, actor, e);
    }
  }

  private static String routePath(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null || endpoint.path.isEmpty() ? ctx.path() : endpoint.path;
  }
}
