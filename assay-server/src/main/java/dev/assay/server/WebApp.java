package dev.assay.server;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.config.AssayConfig;
import dev.assay.server.otlp.OtlpController;
import dev.assay.server.v2.V2Controllers;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
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

  static Javalin create(AssayConfig config, ObjectMapper json, HealthController health, V2Controllers v2,
      OtlpController otlp, RequestLog accessLog, Consumer<RoutesConfig> extraRoutes) {
    long maxRequestBytes = config.maxRequestBytes();
    Problems problems = new Problems(json, maxRequestBytes);
    return Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.startup.startupWatcherEnabled = false;
      cfg.http.maxRequestSize = maxRequestBytes;
      // Multipart bodies are parsed by Jetty, not read through ctx.body(): without these a chunked upload (no
      // Content-Length for rejectLargeBody to see) was spooled to disk and parsed whatever its size.
      cfg.jetty.multipartConfig.maxTotalRequestSize(maxRequestBytes, SizeUnit.BYTES);
      cfg.jetty.multipartConfig.maxFileSize(maxRequestBytes, SizeUnit.BYTES);
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

      cfg.routes.apiBuilder(() -> {
        before(ctx -> rejectLargeBody(ctx, maxRequestBytes));
        get("/healthz", health::health);
        get("/readyz", health::ready);
        // OTLP/HTTP, where Phoenix and every OTLP exporter send it (DESIGN §3); not part of /v2's OpenAPI.
        post("/v1/traces", otlp::exportTraces);
        // The native API: AX's REST v2 contract (DESIGN §3), documented in /v2/openapi.json.
        path("/v2", () -> {
          get("/openapi.json", v2.openApi()::document);
          path("/spaces", () -> {
            get(v2.spaces()::list);
            post(v2.spaces()::create);
            path("/{space_id}", () -> {
              get(v2.spaces()::get);
              patch(v2.spaces()::update);
              delete(v2.spaces()::delete);
            });
          });
          path("/projects", () -> {
            get(v2.projects()::list);
            post(v2.projects()::create);
            path("/{project_id}", () -> {
              get(v2.projects()::get);
              patch(v2.projects()::update);
              delete(v2.projects()::delete);
            });
          });
          get("/project-summaries", v2.projects()::summaries);
          path("/spans", () -> {
            post(v2.spans()::list);
            delete(v2.span()::delete);
            get("/export", v2.exports()::spans); // streamed (chunked); before /{span_id}, see below
            // Javalin tries routes in the order they are added: a fixed path such as /spans/export must be
            // added before this one, or {span_id} would take it.
            get("/{span_id}", v2.span()::get);
          });
          path("/traces", () -> {
            post(v2.traces()::list);
            get("/export", v2.exports()::traces); // streamed (chunked); before /{trace_id}
            path("/{trace_id}", () -> {
              get(v2.traces()::get);
              delete(v2.traces()::delete);
            });
          });
          path("/evaluators", () -> {
            get(v2.evaluators()::list);
            post(v2.evaluators()::create);
            // Fixed paths such as /evaluators/test go before /{evaluator_id}, which would take them.
            post("/test", v2.tryEvaluator()::test);
            path("/{evaluator_id}", () -> {
              get(v2.evaluators()::get);
              patch(v2.evaluators()::update);
              delete(v2.evaluators()::delete);
              get("/versions", v2.evaluators()::listVersions);
              post("/versions", v2.evaluators()::createVersion);
            });
          });
          get("/evaluator-versions/{version_id}", v2.evaluators()::getVersion);
          get("/evaluator-templates", v2.evaluatorTemplates()::list);
          get("/evaluator-templates/{template_id}", v2.evaluatorTemplates()::get);
          path("/ai-integrations", () -> {
            get(v2.aiIntegrations()::list);
            post(v2.aiIntegrations()::create);
            path("/{integration_id}", () -> {
              get(v2.aiIntegrations()::get);
              patch(v2.aiIntegrations()::update);
              delete(v2.aiIntegrations()::delete);
              post("/test", v2.aiIntegrations()::test);
            });
          });
          path("/evaluations", () -> {
            get(v2.evaluations()::list);
            post(v2.evaluations()::upsert);
            post("/import", v2.evaluations()::importResults);
          });
          path("/tasks", () -> {
            get(v2.tasks()::list);
            post(v2.tasks()::create);
            post("/count", v2.tasks()::count); // a fixed path: before /{task_id}
            path("/{task_id}", () -> {
              get(v2.tasks()::get);
              patch(v2.tasks()::update);
              delete(v2.tasks()::delete);
              post("/resume", v2.tasks()::resume);
              get("/runs", v2.taskRuns()::list);
              post("/trigger", v2.taskRuns()::trigger);
            });
          });
          path("/task-runs/{run_id}", () -> {
            get(v2.taskRuns()::get);
            post("/cancel", v2.taskRuns()::cancel);
          });
          // Datasets, prompts and experiments (issue 7): each controller adds its own paths.
          v2.datasets().routes();
          v2.prompts().routes();
          v2.experiments().routes();
          path("/sessions", () -> {
            post(v2.sessions()::list);
            path("/{session_id}", () -> {
              get(v2.sessions()::get);
              delete(v2.sessions()::delete);
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
