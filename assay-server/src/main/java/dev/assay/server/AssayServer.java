package dev.assay.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.config.AssayConfig;
import dev.assay.auth.AuthService;
import dev.assay.auth.AuthServices;
import dev.assay.config.ConfigKey;
import dev.assay.config.SecuritySettings;
import dev.assay.datasets.DatasetService;
import dev.assay.eval.EvaluationService;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.JudgeTemplates;
import dev.assay.eval.SubjectBuilder;
import dev.assay.eval.TryEvaluatorService;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.eval.exec.ExecutorSettings;
import dev.assay.experiments.ExperimentRuntime;
import dev.assay.jobs.JobHandler;
import dev.assay.jobs.JobWorkerPool;
import dev.assay.jobs.JobWorkerSettings;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.secrets.SecretBox;
import dev.assay.projects.ProjectService;
import dev.assay.prompts.PromptService;
import dev.assay.server.auth.AccessCheck;
import dev.assay.server.auth.AuditRecorder;
import dev.assay.server.auth.AuthController;
import dev.assay.server.otlp.OtlpAccess;
import dev.assay.server.otlp.OtlpController;
import dev.assay.server.otlp.OtlpGrpcServer;
import dev.assay.server.v2.V2Controllers;
import dev.assay.spaces.SpaceService;
import dev.assay.store.BatchingWriter;
import dev.assay.store.JdbcStore;
import dev.assay.store.Store;
import dev.assay.store.WriterSettings;
import dev.assay.tasks.ContinuousTaskIndex;
import dev.assay.tasks.TaskRuntime;
import dev.assay.tasks.TaskSettings;
import dev.assay.traces.IngestService;
import dev.assay.traces.Span;
import dev.assay.traces.SpanExportService;
import dev.assay.traces.SpanService;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one assembly class: builds the store, the background services, the OTLP/gRPC receiver and the
 * HTTP app through constructors, and owns their lifecycle. Start order is store, background services
 * (writer, then workers), OTLP/gRPC, HTTP; stop closes both receivers first (OTLP/gRPC, then HTTP), then
 * the background services in reverse and the store, so nothing accepts work that its dependencies can no
 * longer finish.
 *
 * <p>An instance starts at most once. {@link #stop()} is idempotent and safe from a shutdown hook, also
 * while {@link #start()} is still running (it waits for it). The SIGTERM hook is installed by the CLI.
 */
public final class AssayServer {
  private static final Logger log = LoggerFactory.getLogger(AssayServer.class);

  private enum State { NEW, STARTING, RUNNING, STOPPED }

  /** Test seams: extra routes, a capture of access-log lines, extra background services. */
  record Hooks(Consumer<RoutesConfig> routes, Consumer<String> accessLog, Function<Store, List<Managed>> services) {
    static final Hooks NONE = new Hooks(routes -> {}, null, store -> List.of());
  }

  private final AssayConfig config;
  private final Clock clock;
  private final ObjectMapper json;
  private final Hooks hooks;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Managed> startedServices = new ArrayList<>();
  private State state = State.NEW;
  private JdbcStore store;
  private BatchingWriter<Span> spanWriter;
  private JobWorkerPool workers;
  private EvalExecutor executor;
  private TaskRuntime tasks;
  private DatasetService datasets;
  private PromptService prompts;
  private ExperimentRuntime experiments;
  private UnaryOperator<JobWorkerSettings> workerTuning = UnaryOperator.identity();
  private OtlpGrpcServer grpc;
  private AuthServices auth;
  private Javalin app;

  public AssayServer(AssayConfig config) {
    this(config, Clock.systemUTC(), Hooks.NONE);
  }

  AssayServer(AssayConfig config, Clock clock, Hooks hooks) {
    if (config == null || clock == null || hooks == null) {
      throw new NullPointerException("config, clock and hooks are required");
    }
    this.config = config;
    this.clock = clock;
    this.hooks = hooks;
    this.json = Json.create();
  }

  /**
   * Opens the store (applying migrations), starts the background services and listens for OTLP/gRPC and
   * HTTP. On any failure everything already started is stopped again before the exception propagates.
   *
   * @throws ServerStartException when host:port or host:grpcPort cannot be bound
   * @throws dev.assay.store.StoreOpenException when the database cannot be opened
   * @throws dev.assay.store.MigrationException when the schema cannot be migrated
   */
  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("an AssayServer starts once; it is " + state);
    }
    state = State.STARTING;
    long begin = System.nanoTime();
    try {
      Binding.requireFree(config.host(), config.port());
      Binding.requireFree(config.host(), config.grpcPort(), ConfigKey.GRPC_PORT);
      store = JdbcStore.open(config.database(), config.dbPoolSize(), clock);
      SpaceService spaces = new SpaceService(store.spaces());
      SecretBox secrets = SecretBox.fromConfig(config);
      ModelConfigService modelConfigs = new ModelConfigService(store.modelConfigs(), spaces, secrets, clock);
      ModelGateway gateway = new ModelGateway(modelConfigs, secrets);
      // A changed model config (a fixed key) lifts the pause of the tasks its failure paused, on every replica.
      modelConfigs.onChange(configId -> tasks.service().resumePausedBy(configId));
      ProjectService projects = new ProjectService(store.projects(), spaces);
      SpanService spanService = new SpanService(projects, store.spans(), store.traces(), clock);
      EvaluatorService evaluators = new EvaluatorService(store.evaluators(), spaces);
      datasets = new DatasetService(store.datasets(), spaces, spanService, clock);
      prompts = new PromptService(store.prompts(), spaces, clock);
      for (Managed service : backgroundServices(store, gateway, modelConfigs, projects, spanService, evaluators)) {
        service.start().run();
        startedServices.add(service);
      }
      boolean authOn = config.security().authEnabled();
      auth = AuthServices.create(store, clock);
      V2Controllers v2 = V2Controllers.of(new V2Controllers.Services(spaces, projects, spanService, store.evaluations(),
          new SpanExportService(projects, store.spans(), clock), evaluators,
          new EvaluationService(store.evaluations(), projects), JudgeTemplates.builtIn(),
          new TryEvaluatorService(new SubjectBuilder(spanService), evaluators, executor), modelConfigs, gateway,
          tasks.service(), datasets, prompts, experiments.service(), auth), json);
      Optional<Path> setupToken = authOn ? firstAdmin(auth.auth()) : Optional.empty();
      IngestService ingest = new IngestService(store.projects(), spanWriter::submit);
      OtlpAccess otlpAccess = new OtlpAccess(authOn, auth.auth(), spaces);
      OtlpController otlp = new OtlpController(ingest, otlpAccess, config.maxRequestBytes());
      grpc = listenGrpc(new OtlpGrpcServer(ingest, otlpAccess, config.host(), config.grpcPort(),
          config.maxRequestBytes()));
      WebApp.Security security = new WebApp.Security(new AccessCheck(authOn, auth.auth()),
          new AuditRecorder(auth.audit()::record, json),
          new AuthController(authOn, auth.auth(), spaces, auth.audit()::record, clock));
      app = WebApp.create(config, json, new HealthController(store, stopping::get), v2, otlp, security,
          hooks.accessLog() == null ? new AccessLog() : new AccessLog(hooks.accessLog()), hooks.routes());
      listen(app);
      state = State.RUNNING;
      setupToken.ifPresent(path -> log.warn("No user exists yet: open http://{}:{}/setup and paste the token from {}",
          config.host(), port(), path));
    } catch (RuntimeException | Error e) {
      shutdown();
      throw e;
    }
    log.info("Assay started in {} ms (HTTP on {}:{}, OTLP/gRPC on {}:{}, {}, authentication {})",
        (System.nanoTime() - begin) / 1_000_000, config.host(), port(), config.host(), grpcPort(),
        config.database().describe(), config.security().authEnabled() ? "on" : "off (local mode)");
  }

  /**
   * The background services in start order. The batching writer goes first (workers and the OTLP receivers
   * write through it), then the job worker pool; each is built here from {@code store} and {@link #config}
   * and wrapped in a {@link Managed}, so stop runs in the reverse order: workers finish or release their
   * leases while the writer still accepts their results, then the writer commits what it accepted.
   */
  private List<Managed> backgroundServices(JdbcStore store, ModelGateway gateway, ModelConfigService modelConfigs,
      ProjectService projects, SpanService spanService, EvaluatorService evaluators) {
    List<Managed> services = new ArrayList<>();
    // The span writer enqueues continuous tasks' work in the same commit as the spans (an outbox).
    ContinuousTaskIndex continuous = new ContinuousTaskIndex(store.tasks(), clock);
    services.add(new Managed("the continuous task index", continuous::start, continuous::close));
    services.add(new Managed("the span writer",
        () -> spanWriter = new BatchingWriter<>("spans", store.database().jdbi(), store.spanSink(continuous, clock),
            spanWriterSettings(), clock),
        () -> spanWriter.close()));
    // Before the workers: evaluation jobs run through the executor, so it must outlive them on stop.
    services.add(new Managed("the evaluation executor",
        () -> executor = new EvalExecutor(gateway, modelConfigs, ExecutorSettings.defaults(), clock),
        () -> executor.close()));
    services.add(new Managed("the task runtime",
        () -> {
          tasks = new TaskRuntime(store.tasks(), store.jobs(), store.evaluations(), projects, spanService, evaluators,
              executor, taskSettings(), clock);
          tasks.service().onTasksChanged(continuous::refresh);
          tasks.start();
        },
        () -> tasks.close()));
    services.add(new Managed("the experiment runtime",
        () -> experiments = new ExperimentRuntime(store.experiments(), store.jobs(), datasets, prompts, evaluators,
            store.evaluations(), projects, executor, spanWriter::submit, clock),
        () -> experiments.close()));
    services.add(new Managed("the job workers",
        () -> workers = new JobWorkerPool(store.jobs(), jobHandlers(),
            workerTuning.apply(JobWorkerSettings.defaults().withConcurrency(config.workerConcurrency())
                .withShutdownTimeout(config.shutdownTimeout())),
            clock).start(),
        () -> workers.shutdown(config.shutdownTimeout())));
    services.addAll(hooks.services().apply(store));
    return services;
  }

  /** Every feature's job handlers by kind. */
  private Map<String, JobHandler> jobHandlers() {
    Map<String, JobHandler> handlers = new LinkedHashMap<>(tasks.jobHandlers());
    handlers.putAll(experiments.jobHandlers());
    return handlers;
  }

  private TaskSettings taskSettings() {
    return TaskSettings.defaults().withTraceSettle(config.taskTraceSettle()).withSessionIdle(config.taskSessionIdle());
  }

  private WriterSettings spanWriterSettings() {
    return WriterSettings.DEFAULTS.withMaxQueuedRows(config.writerQueueRows()).withCloseTimeout(config.shutdownTimeout());
  }

  /**
   * With authentication on: creates the administrator named by ASSAY_ADMIN_EMAIL / ASSAY_ADMIN_PASSWORD when no user
   * exists, else (still no user) writes a one-time setup token to the working directory. Returns where the token
   * is, so it can be logged once the port is known; the token itself is never logged.
   */
  private Optional<Path> firstAdmin(AuthService authService) {
    SecuritySettings security = config.security();
    if (security.adminEmail() != null && security.adminPassword() != null) {
      authService.bootstrapAdmin(security.adminEmail(), security.adminPassword());
    }
    return authService.setupRequired() ? authService.writeSetupToken(config.workingDir()) : Optional.empty();
  }

  /** The account services (users, keys, memberships, audit) for tests in this package; null before start. */
  synchronized AuthServices auth() {
    return auth;
  }

  /** The batching writer for spans, for the ingest receivers and tests; null before start. */
  synchronized BatchingWriter<Span> spanWriter() {
    return spanWriter;
  }

  /** The tasks runtime (service, handlers, settler); null before start. */
  synchronized TaskRuntime tasks() {
    return tasks;
  }

  /** The job worker pool; null before start. */
  synchronized JobWorkerPool workers() {
    return workers;
  }

  private OtlpGrpcServer listenGrpc(OtlpGrpcServer server) {
    try {
      return server.start();
    } catch (IOException e) {
      throw Binding.failure(config.host(), config.grpcPort(), ConfigKey.GRPC_PORT, e);
    }
  }

  private void listen(Javalin javalin) {
    try {
      javalin.start(config.host(), config.port());
    } catch (JavalinException e) {
      throw Binding.failure(config.host(), config.port(), e);
    }
  }

  /**
   * Stops OTLP/gRPC, then HTTP (each refusing new calls and waiting up to the shutdown timeout for
   * in-flight ones), then the background services in reverse order, then closes the store. Idempotent; a
   * failing step is logged and the next one still runs.
   */
  public void stop() {
    stopping.set(true); // readiness fails at once, even before the lock is ours
    synchronized (this) {
      if (state == State.STOPPED) {
        return;
      }
      long begin = System.nanoTime();
      boolean wasRunning = state == State.RUNNING;
      shutdown();
      if (wasRunning) {
        log.info("Assay stopped in {} ms", (System.nanoTime() - begin) / 1_000_000);
      }
    }
  }

  private void shutdown() {
    stopping.set(true);
    state = State.STOPPED;
    if (grpc != null) {
      quietly("the OTLP/gRPC server", () -> grpc.stop(config.shutdownTimeout()));
    }
    if (app != null) {
      quietly("the HTTP server", app::stop);
    }
    for (int i = startedServices.size() - 1; i >= 0; i--) {
      Managed service = startedServices.get(i);
      quietly(service.name(), service.stop());
    }
    startedServices.clear();
    if (store != null) {
      quietly("the store", store::close);
    }
    stopped.countDown();
  }

  private static void quietly(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.warn("stopping {} failed: {}", what, e.toString(), e);
    }
  }

  /** Blocks until {@link #stop()} has finished (or a failed start has cleaned up). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** The bound HTTP port (the real one when configured as 0); the configured port before start. */
  public synchronized int port() {
    return app != null && state == State.RUNNING ? app.port() : config.port();
  }

  /** The bound OTLP/gRPC port (the real one when configured as 0); the configured port before start. */
  public synchronized int grpcPort() {
    return grpc != null && state == State.RUNNING ? grpc.port() : config.grpcPort();
  }

  public AssayConfig config() {
    return config;
  }

  /** The running HTTP app (null before start), for tests in this package that read its route table. */
  synchronized Javalin app() {
    return app;
  }

  /**
   * Test seam, before {@link #start()}: adjusts the job workers' settings, e.g. short leases and a readable owner
   * name, so a test that kills a replica sees its jobs taken over within seconds instead of a minute.
   */
  synchronized AssayServer tuneWorkers(UnaryOperator<JobWorkerSettings> tuning) {
    if (state != State.NEW) {
      throw new IllegalStateException("tuneWorkers must be called before start");
    }
    workerTuning = tuning;
    return this;
  }

  /** The open store, for tests in this package. */
  synchronized Store store() {
    return store;
  }
}
