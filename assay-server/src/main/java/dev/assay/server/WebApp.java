package dev.assay.server;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import static dev.assay.server.auth.Access.ACCOUNT_ADMIN;
import static dev.assay.server.auth.Access.ADMIN;
import static dev.assay.server.auth.Access.AUTHENTICATED;
import static dev.assay.server.auth.Access.MEMBER;
import static dev.assay.server.auth.Access.PUBLIC;
import static dev.assay.server.auth.Access.VIEWER;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.config.AssayConfig;
import dev.assay.server.auth.AccessCheck;
import dev.assay.server.auth.AuditRecorder;
import dev.assay.server.auth.AuthController;
import dev.assay.server.auth.Audited;
import dev.assay.server.otlp.OtlpController;
import dev.assay.server.v2.V2Controllers;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.function.Consumer;
import org.eclipse.jetty.server.RequestLog;

/**
 * The Javalin application: all configuration in one consumer, the whole route table in one
 * {@code apiBuilder} block. Nothing here starts or stops anything; {@link AssayServer} does.
 */
final class WebApp {
  private WebApp() {}

  /** The access check before every matched route, the audit after it, and the /auth endpoints. */
  record Security(AccessCheck access, AuditRecorder audit, AuthController auth) {
    Security {
      if (access == null || audit == null || auth == null) {
        throw new NullPointerException("access, audit and auth are required");
      }
    }
  }

  static Javalin create(AssayConfig config, ObjectMapper json, HealthController health, V2Controllers v2,
      OtlpController otlp, Security security, RequestLog accessLog, Consumer<RoutesConfig> extraRoutes) {
    AccessCheck access = security.access();
    AuditRecorder audit = security.audit();
    AuthController auth = security.auth();
    long maxRequestBytes = config.maxRequestBytes();
    Problems problems = new Problems(json, maxRequestBytes);
    return Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.startup.startupWatcherEnabled = false;
      cfg.http.maxRequestSize = maxRequestBytes;
      cfg.http.prefer405over404 = true;
      cfg.jsonMapper(new JavalinJackson(json, true));
      cfg.jetty.modifyServer(server -> {
        server.setRequestLog(accessLog);
        server.setErrorHandler(new ProblemErrorHandler(json));
        // Graceful stop: Jetty stops accepting, then waits this long for in-flight requests.
        server.setStopTimeout(config.shutdownTimeout().toMillis());
      });
      problems.register(cfg.routes);
      WebUi.fromClasspath().register(cfg);

      cfg.routes.beforeMatched(access::handle);
      cfg.routes.afterMatched(audit::handle);
      cfg.routes.apiBuilder(() -> {
        before(ctx -> rejectLargeBody(ctx, maxRequestBytes));
        get("/healthz", health::health, PUBLIC);
        get("/readyz", health::ready, PUBLIC);
        // Browser sign-in and the caller's own account; outside /v2 and its OpenAPI document.
        auth.routes();
        // OTLP/HTTP, where Phoenix and every OTLP exporter send it (DESIGN §3); not part of /v2's OpenAPI.
        post("/v1/traces", otlp::exportTraces, MEMBER);
        // The native API: AX's REST v2 contract (DESIGN §3), documented in /v2/openapi.json. Every route names who
        // may call it (Access) and, when administrative, that its calls are audited.
        path("/v2", () -> {
          get("/openapi.json", v2.openApi()::document, PUBLIC);
          path("/spaces", () -> {
            get(v2.spaces()::list, VIEWER);
            post(v2.spaces()::create, ACCOUNT_ADMIN, Audited.YES);
            path("/{space_id}", () -> {
              get(v2.spaces()::get, VIEWER);
              patch(v2.spaces()::update, ADMIN, Audited.YES);
              delete(v2.spaces()::delete, ADMIN, Audited.YES);
            });
          });
          path("/projects", () -> {
            get(v2.projects()::list, VIEWER);
            post(v2.projects()::create, MEMBER);
            path("/{project_id}", () -> {
              get(v2.projects()::get, VIEWER);
              patch(v2.projects()::update, MEMBER);
              delete(v2.projects()::delete, MEMBER, Audited.YES);
            });
          });
          get("/project-summaries", v2.projects()::summaries, VIEWER);
          path("/spans", () -> {
            post(v2.spans()::list, VIEWER); // a query with a body, not a write
            delete(v2.span()::delete, MEMBER, Audited.YES);
            get("/export", v2.exports()::spans, VIEWER); // streamed (chunked); before /{span_id}, see below
            // Javalin tries routes in the order they are added: a fixed path such as /spans/export must be
            // added before this one, or {span_id} would take it.
            get("/{span_id}", v2.span()::get, VIEWER);
          });
          path("/traces", () -> {
            post(v2.traces()::list, VIEWER);
            get("/export", v2.exports()::traces, VIEWER); // streamed (chunked); before /{trace_id}
            path("/{trace_id}", () -> {
              get(v2.traces()::get, VIEWER);
              delete(v2.traces()::delete, MEMBER, Audited.YES);
            });
          });
          path("/evaluators", () -> {
            get(v2.evaluators()::list, VIEWER);
            post(v2.evaluators()::create, MEMBER);
            // Fixed paths such as /evaluators/test go before /{evaluator_id}, which would take them.
            post("/test", v2.tryEvaluator()::test, MEMBER); // spends model calls
            path("/{evaluator_id}", () -> {
              get(v2.evaluators()::get, VIEWER);
              patch(v2.evaluators()::update, MEMBER);
              delete(v2.evaluators()::delete, MEMBER, Audited.YES);
              get("/versions", v2.evaluators()::listVersions, VIEWER);
              post("/versions", v2.evaluators()::createVersion, MEMBER);
            });
          });
          get("/evaluator-versions/{version_id}", v2.evaluators()::getVersion, VIEWER);
          // Built-in templates, the same for everyone: no space data.
          get("/evaluator-templates", v2.evaluatorTemplates()::list, AUTHENTICATED);
          get("/evaluator-templates/{template_id}", v2.evaluatorTemplates()::get, AUTHENTICATED);
          // Model configs hold provider credentials: space administration, every change audited.
          path("/ai-integrations", () -> {
            get(v2.aiIntegrations()::list, VIEWER);
            post(v2.aiIntegrations()::create, ADMIN, Audited.YES);
            path("/{integration_id}", () -> {
              get(v2.aiIntegrations()::get, VIEWER);
              patch(v2.aiIntegrations()::update, ADMIN, Audited.YES);
              delete(v2.aiIntegrations()::delete, ADMIN, Audited.YES);
              post("/test", v2.aiIntegrations()::test, ADMIN);
            });
          });
          path("/evaluations", () -> {
            get(v2.evaluations()::list, VIEWER);
            post(v2.evaluations()::upsert, MEMBER);
            post("/import", v2.evaluations()::importResults, MEMBER);
          });
          path("/tasks", () -> {
            get(v2.tasks()::list, VIEWER);
            post(v2.tasks()::create, MEMBER);
            post("/count", v2.tasks()::count, VIEWER); // a fixed path: before /{task_id}; counts, writes nothing
            path("/{task_id}", () -> {
              get(v2.tasks()::get, VIEWER);
              patch(v2.tasks()::update, MEMBER);
              delete(v2.tasks()::delete, MEMBER, Audited.YES);
              post("/resume", v2.tasks()::resume, MEMBER);
              get("/runs", v2.taskRuns()::list, VIEWER);
              post("/trigger", v2.taskRuns()::trigger, MEMBER);
            });
          });
          path("/task-runs/{run_id}", () -> {
            get(v2.taskRuns()::get, VIEWER);
            post("/cancel", v2.taskRuns()::cancel, MEMBER);
          });
          // Datasets, prompts and experiments (issue 7): each controller adds its own paths.
          v2.datasets().routes();
          v2.prompts().routes();
          v2.experiments().routes();
          // Users, API keys, roles, role bindings, space members, audit logs (issue 8).
          v2.identity().routes();
          path("/sessions", () -> {
            post(v2.sessions()::list, VIEWER);
            path("/{session_id}", () -> {
              get(v2.sessions()::get, VIEWER);
              delete(v2.sessions()::delete, MEMBER, Audited.YES);
            });
          });
        });
      });
      extraRoutes.accept(cfg.routes);
    });
  }

  /**
   * Refuses a declared-too-large body before any handler runs. Bodies without a length (chunked) are
   * bounded where they are read: {@code ctx.body()} and friends stop at {@code http.maxRequestSize}.
   */
  private static void rejectLargeBody(Context ctx, long maxRequestBytes) {
    if (ctx.req().getContentLengthLong() > maxRequestBytes) {
      throw new ContentTooLargeResponse();
    }
  }
}
