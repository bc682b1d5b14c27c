package dev.assay.cli.ci;

import dev.assay.datasets.DatasetService;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.eval.exec.ExecutorSettings;
import dev.assay.experiments.ExperimentRuntime;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SecretBox;
import dev.assay.projects.ProjectService;
import dev.assay.prompts.PromptService;
import dev.assay.spaces.SpaceService;
import dev.assay.store.BatchingWriter;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.JdbcStore;
import dev.assay.store.WriterSettings;
import dev.assay.traces.Span;
import dev.assay.traces.SpanCommitJobs;
import dev.assay.traces.SpanService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * The services {@code assay eval} needs, assembled over a temporary embedded DuckDB store the way
 * {@code AssayServer} assembles them, minus what a one-shot run has no use for: no HTTP or OTLP receivers, no job
 * workers (experiments run in-process through {@link ExperimentRuntime#runner()}), no continuous tasks. Secrets
 * are sealed with a random key that dies with the process. {@link #close()} stops everything in reverse order
 * and deletes the directory.
 */
public final class StandaloneHarness implements AutoCloseable {
  private final Path dir;
  private final Deque<AutoCloseable> closers = new ArrayDeque<>();
  private final JdbcStore store;
  private final SpaceService spaces;
  private final ModelConfigService modelConfigs;
  private final EvaluatorService evaluators;
  private final DatasetService datasets;
  private final PromptService prompts;
  private final ExperimentRuntime experiments;

  private StandaloneHarness(Path dir, Clock clock) {
    this.dir = dir;
    try {
      store = JdbcStore.open(new DatabaseTarget.DuckDb(dir.resolve("assay.duckdb")), 4, clock);
      closers.push(store::close);
      // One DuckDB worker: a one-shot run's tables are small, and on a CI runner's few cores the extra workers that
      // join every commit and query cost more CPU than they save.
      store.database().jdbi().useHandle(h -> h.execute("SET GLOBAL threads = 1"));
      spaces = new SpaceService(store.spaces());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      SecretBox secrets = SecretBox.of(key, null);
      // Unrestricted: this harness runs the user's own assay.yaml on the user's own machine (or CI runner) with a
      // throwaway store, so there is no untrusted caller whose URLs could reach into a network they should not;
      // pointing evaluators at a model server on localhost is the normal case here.
      OutboundPolicy outbound = OutboundPolicy.unrestricted();
      modelConfigs = new ModelConfigService(store.modelConfigs(), spaces, secrets, clock, outbound);
      ModelGateway gateway = new ModelGateway(modelConfigs, secrets);
      ProjectService projects = new ProjectService(store.projects(), spaces);
      SpanService spanService = new SpanService(projects, store.spans(), store.traces(), clock);
      evaluators = new EvaluatorService(store.evaluators(), spaces, outbound, modelConfigs.sealedValues());
      datasets = new DatasetService(store.datasets(), spaces, spanService, clock);
      prompts = new PromptService(store.prompts(), spaces, clock);
      BatchingWriter<Span> spanWriter = new BatchingWriter<>("spans", store.database().jdbi(),
          store.spanSink(SpanCommitJobs.NONE, clock), WriterSettings.DEFAULTS, clock);
      closers.push(spanWriter::close);
      EvalExecutor executor = new EvalExecutor(gateway, modelConfigs, ExecutorSettings.defaults(), clock);
      closers.push(executor::close);
      experiments = new ExperimentRuntime(store.experiments(), store.jobs(), datasets, prompts, evaluators,
          store.evaluations(), projects, executor, spanWriter::submit, clock);
      closers.push(experiments::close);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Creates a fresh temporary directory and opens the store in it. */
  public static StandaloneHarness open(Clock clock) {
    Path dir;
    try {
      dir = Files.createTempDirectory("assay-eval-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the embedded store", e);
    }
    return new StandaloneHarness(dir, clock);
  }

  public Path directory() {
    return dir;
  }

  public SpaceService spaces() {
    return spaces;
  }

  public ModelConfigService modelConfigs() {
    return modelConfigs;
  }

  public EvaluatorService evaluators() {
    return evaluators;
  }

  public DatasetService datasets() {
    return datasets;
  }

  public PromptService prompts() {
    return prompts;
  }

  public ExperimentRuntime experiments() {
    return experiments;
  }

  /** Stops the services (last started first), closes the store and deletes the temporary directory. */
  @Override
  public void close() {
    while (!closers.isEmpty()) {
      try {
        closers.pop().close();
      } catch (Exception e) {
        System.err.println("assay eval: closing the embedded store: " + e);
      }
    }
    deleteTree(dir);
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a leftover file in the temp dir is not worth failing the gate for
        }
      });
    } catch (IOException e) {
      // same
    }
  }
}
