package dev.assay.experiments;

import dev.assay.auth.AccessScope;
import dev.assay.testing.TestOutbound;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetService;
import dev.assay.datasets.ExampleDraft;
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
import dev.assay.jobs.JobWorkerPool;
import dev.assay.jobs.JobWorkerSettings;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.secrets.SecretBox;
import dev.assay.projects.ProjectService;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.PromptService;
import dev.assay.prompts.PromptVersion;
import dev.assay.prompts.PromptVersionDraft;
import dev.assay.prompts.TemplateFormat;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The experiments feature over a real store: datasets, prompts, evaluators, the executor against a
 * {@link FakeModelServer}, the span writer and the runtime; a worker pool that is never started (tests run due jobs
 * in their own thread).
 */
final class ExperimentFixture implements AutoCloseable {
  static final AccessScope ALL = AccessScope.unrestricted();
  static final String KEY = "sk-experiment-key";

  final Clock clock = Clock.systemUTC();
  final JdbcStore store;
  final ProjectService projects;
  final SpanService spans;
  final EvaluatorService evaluators;
  final ModelConfigService configs;
  final EvalExecutor executor;
  final DatasetService datasets;
  final PromptService prompts;
  final ExperimentRuntime runtime;
  final ExperimentService service;
  final JobWorkerPool workers;
  final FakeModelServer fake;
  private final BatchingWriter<Span> writer;

  ExperimentFixture(Database database) {
    store = new JdbcStore(database, clock);
    SpaceService spaces = new SpaceService(store.spaces());
    projects = new ProjectService(store.projects(), spaces);
    spans = new SpanService(projects, store.spans(), store.traces(), clock);
    evaluators = new EvaluatorService(store.evaluators(), spaces, TestOutbound.LOCAL, TestOutbound.SEALED);
    configs = new ModelConfigService(store.modelConfigs(), spaces, SecretBox.of(new byte[32], null), clock,
        TestOutbound.LOCAL);
    // No response cache: every model call reaches the fake, so a repeated call cannot hide.
    executor = new EvalExecutor(new ModelGateway(configs, Duration.ofSeconds(30)), configs,
        new ExecutorSettings(8, 2, Duration.ofSeconds(5), Duration.ofMillis(50), 0, Duration.ofMillis(10)), clock);
    datasets = new DatasetService(store.datasets(), spaces, spans, clock);
    prompts = new PromptService(store.prompts(), spaces, clock);
    writer = new BatchingWriter<>("spans", database.jdbi(), new JdbcSpanSink(store.dialect(), clock),
        WriterSettings.DEFAULTS, clock);
    runtime = new ExperimentRuntime(store.experiments(), store.jobs(), datasets, prompts, evaluators,
        store.evaluations(), projects, executor, writer::submit, clock);
    service = runtime.service();
    workers = new JobWorkerPool(store.jobs(), runtime.jobHandlers(), JobWorkerSettings.defaults(), clock);
    fake = FakeModelServer.create().requireApiKey(KEY).start();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A dataset whose examples ask {@code questions[i]} and expect {@code expected[i]}. */
  Dataset dataset(List<String> questions, List<String> expected) {
    List<ExampleDraft> drafts = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      drafts.add(new ExampleDraft(null, Map.of("question", questions.get(i)), Map.of("expected", expected.get(i)),
          Map.of("i", i), List.of(i % 2 == 0 ? "even" : "odd"), null, null));
    }
    return datasets.create(ALL, null, unique("ds"), null, drafts);
  }

  ModelConfig modelConfig(String apiKey) {
    return configs.create(ALL, new NewModelConfig(null, unique("model"), Provider.CUSTOM, fake.openAiBaseUrl(),
        List.of("fake-1"), apiKey, null, false, null));
  }

  PromptVersion prompt(String template) {
    return prompts.create(ALL, null, unique("prompt"), null, new PromptVersionDraft("v1", null, TemplateFormat.F_STRING,
        List.of(PromptMessage.of("USER", template)), "OPEN_AI", "fake-1", Map.of(), Map.of())).version();
  }

  EvaluatorWithVersion exactMatch() {
    String name = unique("exact").replace('-', '_');
    return evaluators.create(ALL, null, name, null, "v1", new CodeSpec(name, SubjectKind.EXAMPLE, null,
        CodeCheck.EXACT_MATCH, List.of("output", "reference"), Map.of(), null));
  }

  EvaluatorWithVersion judge(ModelConfig config) {
    String name = unique("judge").replace('-', '_');
    Map<String, Double> rails = new LinkedHashMap<>();
    rails.put("correct", 1.0);
    rails.put("incorrect", 0.0);
    return evaluators.create(ALL, null, name, null, "v1", new JudgeSpec(name, SubjectKind.EXAMPLE, null, null,
        List.of(new TemplateMessage("user", "Question: {input}\nAnswer: {output}\nExpected: {reference}")), rails,
        null, false, false, false, new ModelRef(config.id(), "fake-1", null)));
  }

  ExperimentSpec spec(Dataset dataset, ExperimentTask task, int repetitions, int concurrency,
      EvaluatorWithVersion... evaluators) {
    List<ExperimentEvaluator> refs = new ArrayList<>();
    for (EvaluatorWithVersion e : evaluators) {
      refs.add(new ExperimentEvaluator(e.evaluator().name(), null, null));
    }
    return new ExperimentSpec(null, unique("exp"), "test", dataset.name(), null, List.of(), task, refs, repetitions,
        concurrency, Map.of(), List.of());
  }

  long count(String sql, Object... binds) {
    return store.database().jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < binds.length; i++) {
        q.bind(i, binds[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  int execute(String sql, Object... binds) {
    return store.database().jdbi().withHandle(h -> {
      var u = h.createUpdate(sql);
      for (int i = 0; i < binds.length; i++) {
        u.bind(i, binds[i]);
      }
      return u.execute();
    });
  }

  @Override
  public void close() {
    fake.close();
    writer.close();
    executor.close();
  }
}
