package dev.assay.eval.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.eval.EvalEnvironment;
import dev.assay.eval.EvalOutcome;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.Subject;
import dev.assay.llm.ChatModel;
import dev.assay.llm.Embedder;
import dev.assay.llm.InProcessEmbedder;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.llm.ProviderException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs evaluators over a stream of subjects (DESIGN §1): at most {@code concurrency} evaluations at once on virtual
 * threads; model calls go through one lane per model config (RPM/TPM budgets, adaptive concurrency, retries honouring
 * {@code Retry-After}, per-call timeouts, the response cache). Every item ends in exactly one result or error result,
 * except subjects produced by evaluators (the loop guard skips them) and, after an auth, billing or configuration
 * failure of a provider, the items not yet finished: the run pauses with the provider's reason and returns them.
 */
public final class EvalExecutor implements AutoCloseable {
  static final int MAX_RAW_CHARS = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(EvalExecutor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelGateway gateway;
  private final ModelConfigService configs;
  private final ExecutorSettings settings;
  private final Clock clock;
  private final Supplier<Embedder> inProcess;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final ResponseCache cache;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final long rateWindowNanos;

  public EvalExecutor(ModelGateway gateway, ModelConfigService configs, ExecutorSettings settings, Clock clock) {
    this(gateway, configs, settings, clock, InProcessEmbedder::shared);
  }

  /** @param inProcess the in-process embedder for embedding evaluators without a model config */
  public EvalExecutor(ModelGateway gateway, ModelConfigService configs, ExecutorSettings settings, Clock clock,
      Supplier<Embedder> inProcess) {
    this(gateway, configs, settings, clock, inProcess, RateBudget.WINDOW_NANOS);
  }

  /** @param rateWindowNanos the budgets' window (a minute and a margin; tests shrink it together with the fake's) */
  EvalExecutor(ModelGateway gateway, ModelConfigService configs, ExecutorSettings settings, Clock clock,
      Supplier<Embedder> inProcess, long rateWindowNanos) {
    this.rateWindowNanos = rateWindowNanos;
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.configs = Objects.requireNonNull(configs, "configs");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.inProcess = Objects.requireNonNull(inProcess, "inProcess");
    this.cache = new ResponseCache(settings.responseCacheEntries());
  }

  /** The environment to prepare evaluators with: governed chat models (budgets, AIMD, retries, cache). */
  public EvalEnvironment environment(AccessScope scope) {
    return new ExecutorEnvironment(this, scope);
  }

  /**
   * Runs every item, blocking until all are done or the work pauses; see the class comment.
   *
   * @throws IllegalStateException when the sink threw for some item; the other items still ran and were delivered
   */
  public RunReport run(Iterator<WorkItem> items, RunOptions options, ResultSink sink) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sink, "sink");
    Run run = new Run(options, sink);
    Semaphore permits = new Semaphore(settings.concurrency());
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      while (items.hasNext() && run.paused.get() == null) {
        WorkItem item = items.next();
        if (item.subject().fromEvaluator()) {
          run.skipped.incrementAndGet();
          continue;
        }
        permits.acquireUninterruptibly();
        if (run.paused.get() != null) {
          permits.release();
          run.unprocessed.add(item);
          break;
        }
        workers.submit(() -> {
          try {
            run.process(item);
          } finally {
            permits.release();
          }
        });
      }
    }
    if (run.paused.get() != null) {
      items.forEachRemaining(item -> {
        if (item.subject().fromEvaluator()) {
          run.skipped.incrementAndGet();
        } else {
          run.unprocessed.add(item);
        }
      });
    }
    if (run.sinkFailure.get() != null) {
      throw new IllegalStateException("storing a result failed: " + run.sinkFailure.get().getMessage(),
          run.sinkFailure.get());
    }
    return new RunReport(run.succeeded.get(), run.failed.get(), run.skipped.get(), run.paused.get(),
        List.copyOf(run.unprocessed));
  }

  ChatModel governed(ModelConfig config) {
    Lane lane = lanes.compute(config.id(), (id, existing) -> {
      if (existing == null) {
        return new Lane(config, settings.concurrency(), rateWindowNanos);
      }
      existing.update(config, settings.concurrency());
      return existing;
    });
    return new GovernedChatModel(config, gateway.chatModel(config), lane, cache, settings, calls);
  }

  ModelGateway gateway() {
    return gateway;
  }

  /** The model configs, with the outbound policy and the sealed-value key every outbound caller shares. */
  public ModelConfigService configs() {
    return configs;
  }

  Embedder inProcessEmbedder() throws EvaluationException {
    try {
      return inProcess.get();
    } catch (RuntimeException e) {
      throw new EvaluationException("the in-process embedding model is not available: " + e.getMessage());
    }
  }

  /** The current adaptive limit of a model config's lane (for tests and metrics); -1 when it has no lane yet. */
  int laneLimit(String configId) {
    Lane lane = lanes.get(configId);
    return lane == null ? -1 : lane.concurrency.limit();
  }

  int cachedAnswers() {
    return cache.size();
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }

  /** One run's counters and outcome. */
  private final class Run {
    final RunOptions options;
    final ResultSink sink;
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicReference<String> paused = new AtomicReference<>();
    final AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
    final List<WorkItem> unprocessed = Collections.synchronizedList(new ArrayList<>());

    Run(RunOptions options, ResultSink sink) {
      this.options = options;
      this.sink = sink;
    }

    void process(WorkItem item) {
      long start = System.nanoTime();
      Evaluation result;
      try {
        EvalOutcome outcome = item.evaluator().evaluate(item.subject());
        result = evaluation(item, outcome, null, latencyMs(start), null);
        succeeded.incrementAndGet();
      } catch (EvaluationException e) {
        ProviderException pausing = pausingCause(e);
        if (pausing != null) {
          pause(item, pausing);
          return;
        }
        result = evaluation(item, null, message(e), latencyMs(start), extra(e.raw(), null));
        failed.incrementAndGet();
      } catch (ProviderException e) {
        if (e.pausesWork()) {
          pause(item, e);
          return;
        }
        result = evaluation(item, null, message(e), latencyMs(start), extra(e.rawBody(), e));
        failed.incrementAndGet();
      } catch (RuntimeException e) {
        LOG.warn("evaluator {} failed on {} {}: {}", item.evaluator().spec().name(), item.subject().targetKind(),
            item.subject().targetId(), e.toString());
        result = evaluation(item, null, "the evaluator failed: " + message(e), latencyMs(start), Map.of());
        failed.incrementAndGet();
      }
      try {
        sink.accept(item, result);
      } catch (RuntimeException e) {
        sinkFailure.compareAndSet(null, e);
      }
    }

    private void pause(WorkItem item, ProviderException e) {
      paused.compareAndSet(null, e.getMessage());
      unprocessed.add(item);
    }

    private Evaluation evaluation(WorkItem item, EvalOutcome outcome, String error, long latencyMs,
        Map<String, Object> extra) {
      Subject s = item.subject();
      Map<String, Object> metadata = new LinkedHashMap<>();
      if (outcome != null) {
        metadata.putAll(outcome.metadata());
      }
      if (extra != null) {
        metadata.putAll(extra);
      }
      metadata.put("latency_ms", latencyMs);
      Evaluation.AnnotatorKind annotator = item.evaluator().spec() instanceof JudgeSpec
          ? Evaluation.AnnotatorKind.LLM : Evaluation.AnnotatorKind.CODE;
      var now = clock.instant();
      return new Evaluation(null, s.projectId(), s.targetKind(), s.targetId(), item.evaluator().spec().name(), "",
          item.evaluatorId(), item.evaluatorVersion(), outcome == null ? null : outcome.label(),
          outcome == null ? null : outcome.score(), outcome == null ? null : outcome.explanation(),
          outcome == null ? null : outcome.passed(), annotator, options.source(), json(metadata), options.runId(), error,
          now, now);
    }
  }

  private static ProviderException pausingCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ProviderException p && p.pausesWork()) {
        return p;
      }
    }
    return null;
  }

  private static Map<String, Object> extra(String raw, ProviderException provider) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      extra.put("raw_response", raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS));
    }
    if (provider != null) {
      extra.put("error_kind", provider.kind().name());
      if (provider.status() != 0) {
        extra.put("http_status", provider.status());
      }
    }
    return extra;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static long latencyMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String json(Map<String, Object> metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      return "{}";
    }
  }
}
