package dev.assay.tasks;

import dev.assay.auth.AccessScope;
import dev.assay.testing.TestOutbound;
import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.ModelRef;
import dev.assay.eval.SubjectKind;
import dev.assay.eval.TemplateMessage;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.eval.exec.ExecutorSettings;
import dev.assay.jobs.JobHandler;
import dev.assay.jobs.JobWorkerPool;
import dev.assay.jobs.JobWorkerSettings;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.secrets.SecretBox;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectService;
import dev.assay.spaces.SpaceService;
import dev.assay.store.BatchingWriter;
import dev.assay.store.Database;
import dev.assay.store.JdbcSpanSink;
import dev.assay.store.JdbcStore;
import dev.assay.store.WriterSettings;
import dev.assay.testing.FakeModelServer;
import dev.assay.traces.Span;
import dev.assay.traces.SpanService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task engine over a real store: services, the executor against a {@link FakeModelServer}, the task runtime
 * and a worker pool that is never started (tests run due jobs in their own thread with {@link #runJobs()}).
 */
final class TaskEngineFixture implements AutoCloseable {
  static final AccessScope ALL = AccessScope.unrestricted();
  static final String KEY = "sk-task-key-1";

  final Clock clock = Clock.systemUTC();
  final JdbcStore store;
  final ProjectService projects;
  final SpanService spans;
  final EvaluatorService evaluators;
  final ModelConfigService configs;
  final EvalExecutor executor;
  final TaskSettings settings;
  final TaskRuntime runtime;
  final TaskService tasks;
  final JobWorkerPool workers;
  final FakeModelServer fake;
  private final BatchingWriter<Span> writer;

  TaskEngineFixture(Database database, int executorConcurrency) {
    store = new JdbcStore(database, clock);
    SpaceService spaces = new SpaceService(store.spaces());
    projects = new ProjectService(store.projects(), spaces);
    spans = new SpanService(projects, store.spans(), store.traces(), clock);
    evaluators = new EvaluatorService(store.evaluators(), spaces, TestOutbound.LOCAL, TestOutbound.SEALED);
    configs = new ModelConfigService(store.modelConfigs(), spaces, SecretBox.of(new byte[32], null), clock,
        TestOutbound.LOCAL);
    ModelGateway gateway = new ModelGateway(configs, Duration.ofSeconds(30));
    // No response cache: every evaluation is a call the fake counts, so a re-evaluation cannot hide.
    executor = new EvalExecutor(gateway, configs, new ExecutorSettings(executorConcurrency, 3, Duration.ofSeconds(5),
        Duration.ofMillis(100), 0, Duration.ofMillis(10)), clock);
    settings = TaskSettings.defaults().withChunkSize(10).withPauseRecheck(Duration.ofMillis(50));
    runtime = new TaskRuntime(store.tasks(), store.jobs(), store.evaluations(), projects, spans, evaluators, executor,
        settings, clock);
    tasks = runtime.service();
    configs.onChange(tasks::resumePausedBy);
    workers = pool(runtime.jobHandlers());
    writer = new BatchingWriter<>("spans", database.jdbi(), new JdbcSpanSink(store.dialect(), clock),
        WriterSettings.DEFAULTS, clock);
    fake = FakeModelServer.create().requireApiKey(KEY).start();
  }

  JobWorkerPool pool(Map<String, JobHandler> handlers) {
    return new JobWorkerPool(store.jobs(), handlers, JobWorkerSettings.defaults(), clock);
  }

  /** Runs every due job (and those they make due) in this thread. */
  int runJobs() {
    return workers.runDueJobsNow();
  }

  /** Runs due jobs until the run is terminal (deferred jobs come back after the pause recheck). */
  TaskRun runUntilDone(String runId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      runJobs();
      TaskRun run = tasks.getRun(ALL, runId);
      if (run.status().terminal() || System.nanoTime() > deadline) {
        return run;
      }
      Thread.sleep(20);
    }
  }

  Project project(String name) {
    return projects.create(ALL, null, name);
  }

  /**
   * {@code n} root LLM spans, one trace each, starting {@code n - i} seconds before {@code latest}; span ids
   * {@code prefix} + i in hex. Returns the span ids.
   */
  List<String> spans(Project project, String prefix, int n, Instant latest) {
    List<Span> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    long end = latest.toEpochMilli() * 1000;
    for (int i = 0; i < n; i++) {
      String spanId = prefix + String.format("%014x", i);
      String traceId = prefix + String.format("%030x", i);
      long start = end - (n - i) * 1_000_000L;
      rows.add(new Span(project.id(), traceId, spanId, null, "chat", "LLM", start, start + 200_000, "OK", null,
          "question " + i, null, "answer " + i, null, "gpt-4o", null, 10L, 5L, 15L, null, null, null,
          "{\"i\":" + i + "}", null, null, null, null, Span.TokenDetails.NONE, null, null, null, List.of(), List.of()));
      ids.add(spanId);
    }
    writer.submit(rows).join();
    return ids;
  }

  ModelConfig modelConfig(String name, String apiKey) {
    return configs.create(ALL, new NewModelConfig(null, name, Provider.CUSTOM, fake.openAiBaseUrl(), List.of("judge-1"),
        apiKey, null, false, null));
  }

  EvaluatorWithVersion codeEvaluator(String name) {
    return evaluators.create(ALL, null, name, null, "v1", new CodeSpec(name, SubjectKind.SPAN, null,
        CodeCheck.CONTAINS_ANY_KEYWORD, List.of("output"), Map.of("keywords", List.of("answer")), null));
  }

  EvaluatorWithVersion judge(String name, ModelConfig config) {
    Map<String, Double> rails = new LinkedHashMap<>();
    rails.put("correct", 1.0);
    rails.put("incorrect", 0.0);
    return evaluators.create(ALL, null, name, null, "v1", new JudgeSpec(name, SubjectKind.SPAN, null, null,
        List.of(new TemplateMessage("user", "Question: {input}\nAnswer: {output}")), rails, null, false, false, false,
        new ModelRef(config.id(), "judge-1", null)));
  }

  Task task(Project project, String name, double rate, EvaluatorWithVersion... attached) {
    List<TaskEvaluatorRef> refs = new ArrayList<>();
    for (EvaluatorWithVersion e : attached) {
      refs.add(new TaskEvaluatorRef(e.evaluator().id(), null, null, null));
    }
    return tasks.create(ALL, new TaskDraft(name, project.id(), null, null, null, rate, false, refs));
  }

  @Override
  public void close() {
    workers.close();
    writer.close();
    executor.close();
    fake.close();
  }
}
