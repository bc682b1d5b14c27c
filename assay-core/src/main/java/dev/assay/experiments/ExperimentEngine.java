package dev.assay.experiments;

import dev.assay.auth.AccessScope;
import dev.assay.datasets.DatasetService;
import dev.assay.datasets.Example;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.EvaluationStore;
import dev.assay.eval.Evaluators;
import dev.assay.eval.RunnableEvaluator;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.eval.exec.RunOptions;
import dev.assay.eval.exec.RunReport;
import dev.assay.eval.exec.WorkItem;
import dev.assay.llm.ChatModel;
import dev.assay.prompts.PromptService;
import dev.assay.prompts.PromptVersion;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.traces.Span;
import dev.assay.traces.SpanWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ExperimentRunner}: runs the task on every (example, repetition) without a stored run, at most
 * {@code concurrency} at once on virtual threads, storing runs and their traces in small
 * batches ({@link Batcher}: 100 or 250 ms; one span-writer submission per batch), so a crash loses only the runs in flight or pending; then every evaluator
 * on every successful run without a result of that name, through the {@link EvalExecutor} (budgets, adaptive
 * concurrency, retries, cache), results stored the same way.
 * A cancel is seen between items. A task whose configuration cannot work (a provider refusing the key, a program that
 * does not start) or an evaluation paused by such a failure ends the experiment FAILED with the reason; resuming it
 * does only what is still missing. Workers act for a stored experiment: reads and writes are unrestricted.
 */
final class ExperimentEngine implements ExperimentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentEngine.class);
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final long CANCEL_CHECK_NANOS = 500_000_000L;
  /** Runs and results are written in batches of this many, or after this long (see {@link Batcher}). */
  private static final int BATCH = 100;
  private static final long BATCH_MILLIS = 250;

  private final Set<String> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ExperimentStore store;
  private final DatasetService datasets;
  private final PromptService prompts;
  private final EvaluationStore evaluations;
  private final ExperimentValidator validator;
  private final EvalExecutor executor;
  private final SpanWriter traces;
  private final Clock clock;

  ExperimentEngine(ExperimentStore store, DatasetService datasets, PromptService prompts, EvaluationStore evaluations,
      ExperimentValidator validator, EvalExecutor executor, SpanWriter traces, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.traces = Objects.requireNonNull(traces, "traces");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public ExperimentSummary run(String experimentId, Listener listener) {
    return runIfIdle(experimentId, listener).orElseThrow(() -> new dev.assay.shared.ConflictException(
        "experiment " + experimentId + " is being run in this process already"));
  }

  /**
   * Runs the experiment unless this process runs it already (a resumed experiment's new job next to the old job
   * whose lease came back after a restart): empty then, and the caller retries later, when nothing is missing.
   */
  java.util.Optional<ExperimentSummary> runIfIdle(String experimentId, Listener listener) {
    if (!active.add(experimentId)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(runNow(experimentId, listener));
    } finally {
      active.remove(experimentId);
    }
  }

  private ExperimentSummary runNow(String experimentId, Listener listener) {
    Listener progress = listener == null ? Listener.NONE : listener;
    Experiment e = store.findForWork(experimentId)
        .orElseThrow(() -> new NotFoundException("experiment " + experimentId + " not found"));
    if (e.task() != null) {
      var t = store.transition(e.id(), EnumSet.of(ExperimentStatus.PENDING, ExperimentStatus.RUNNING),
          ExperimentStatus.RUNNING, null, null, clock.instant());
      if (t.isPresent() && t.get().moved()) {
        work(t.get().experiment(), progress);
      }
    }
    return summary(experimentId);
  }

  ExperimentSummary summary(String experimentId) {
    Experiment e = store.findForWork(experimentId)
        .orElseThrow(() -> new NotFoundException("experiment " + experimentId + " not found"));
    List<ExperimentRun> runs = store.runs(e.id());
    Map<String, List<Evaluation>> byRun = evaluationsOf(e, runs);
    return ExperimentStats.summary(e.id(), ExperimentManager.expectedRuns(e),
        runs.stream().map(r -> new RunResult(r, byRun.getOrDefault(r.id(), List.of()), Map.of())).toList());
  }

  private void work(Experiment e, Listener listener) {
    Cancel cancel = new Cancel(e.id());
    List<CompletableFuture<Void>> submitted = new ArrayList<>();
    String failure;
    try {
      List<Example> examples = datasets.examples(ALL, e.datasetId(), e.datasetVersionId(), e.splits());
      if (examples.size() != e.exampleCount()) {
        store.setExampleCount(e.id(), examples.size());
      }
      failure = runTasks(e, examples, cancel, listener, submitted);
      if (failure == null && !cancel.cancelled() && !Thread.currentThread().isInterrupted()) {
        failure = evaluate(e, examples, cancel, listener);
      }
    } catch (TaskInvoker.Broken b) {
      failure = b.getMessage();
    } catch (NotFoundException | dev.assay.shared.InvalidInputException gone) {
      failure = gone.getMessage(); // the dataset version, prompt version or an evaluator was deleted
    }
    awaitTraces(submitted);
    if (cancel.cancelled()) {
      return; // the cancel set the status
    }
    if (Thread.currentThread().isInterrupted()) {
      // The worker pool is stopping and hands the job back: it stays RUNNING and the next attempt does the rest.
      throw new IllegalStateException("interrupted: experiment " + e.id() + " is left RUNNING for its job's next attempt");
    }
    ExperimentStatus end = failure == null ? ExperimentStatus.COMPLETED : ExperimentStatus.FAILED;
    // From PENDING too: a resume while this ran re-queued it, and this run has done the work.
    store.transition(e.id(), EnumSet.of(ExperimentStatus.RUNNING, ExperimentStatus.PENDING), end, failure, null,
        clock.instant());
    if (failure != null) {
      LOG.warn("experiment {} ({}) failed: {}", e.name(), e.id(), failure);
    }
  }

  // --- the task under test -------------------------------------------------------------------------------------

  /** Runs the missing (example, repetition) pairs; returns why the experiment fails, or null. */
  private String runTasks(Experiment e, List<Example> examples, Cancel cancel, Listener listener,
      List<CompletableFuture<Void>> submitted) {
    Set<String> done = new HashSet<>();
    for (ExperimentRun r : store.runs(e.id())) {
      done.add(key(r.exampleId(), r.repetition()));
    }
    long total = (long) examples.size() * e.repetitions();
    AtomicLong finished = new AtomicLong(Math.min(done.size(), total));
    List<int[]> missing = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      for (int rep = 1; rep <= e.repetitions(); rep++) {
        if (!done.contains(key(examples.get(i).id(), rep))) {
          missing.add(new int[] {i, rep});
        }
      }
    }
    listener.progress(finished.get(), total, 0, 0);
    if (missing.isEmpty()) {
      return null;
    }
    TaskInvoker invoker = invoker(e);
    Batcher<Finished> writes = new Batcher<>(BATCH, BATCH_MILLIS, batch -> store(e, batch, submitted));
    AtomicReference<String> broken = new AtomicReference<>();
    Semaphore permits = new Semaphore(e.concurrency());
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int[] m : missing) {
        permits.acquireUninterruptibly();
        if (broken.get() != null || cancel.cancelled() || Thread.currentThread().isInterrupted()) {
          permits.release();
          break;
        }
        workers.submit(() -> {
          try {
            writes.add(runOne(e, examples.get(m[0]), m[0], m[1], invoker));
            listener.progress(finished.incrementAndGet(), total, 0, 0);
          } catch (TaskInvoker.Broken b) {
            broken.compareAndSet(null, b.getMessage());
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException ex) {
            LOG.error("experiment {}: run of example {} failed to store", e.id(), examples.get(m[0]).id(), ex);
            broken.compareAndSet(null, "storing a run failed: " + ex.getMessage());
          } finally {
            permits.release();
          }
        });
      }
    }
    writes.flush();
    return broken.get();
  }

  private TaskInvoker invoker(Experiment e) {
    if (e.task() instanceof ExperimentTask.PromptTask p) {
      PromptVersion version;
      try {
        version = prompts.version(ALL, p.promptVersionId());
      } catch (NotFoundException gone) {
        throw new TaskInvoker.Broken("the prompt version " + p.promptVersionId() + " no longer exists", gone);
      }
      ChatModel model;
      try {
        model = executor.environment(ALL).chatModel(p.model());
      } catch (EvaluationException ex) {
        throw new TaskInvoker.Broken(ex.getMessage(), ex);
      }
      return new TaskInvoker(p, model, version, clock, executor.configs().outbound(),
          executor.configs().sealedValues());
    }
    if (e.task() instanceof ExperimentTask.HttpTask h) {
      try {
        executor.configs().outbound().checkSaved(java.net.URI.create(h.url().strip()));
      } catch (dev.assay.shared.UnprocessableException refused) {
        // saved before the policy (or the allow list) changed: no example can run
        throw new TaskInvoker.Broken("task.url " + refused.getMessage(), refused);
      }
    }
    return new TaskInvoker(e.task(), null, null, clock, executor.configs().outbound(), executor.configs().sealedValues());
  }

  /** A finished run and its trace's spans, written together in the runner's batches. */
  private record Finished(ExperimentStore.RunWrite run, List<Span> spans) {}

  private Finished runOne(Experiment e, Example example, int index, int repetition, TaskInvoker invoker)
      throws InterruptedException {
    Instant start = clock.instant();
    TaskInvoker.Invocation out = invoker.invoke(example);
    Instant end = clock.instant();
    String runId = Ids.newId(clock);
    List<Span> spans = RunTracer.trace(e.projectId(), e, runId, example.id(), repetition,
        ExperimentCodec.write(example.input()), out.output(), out.error(), start, end, out.llm());
    Double cost = null;
    for (Span s : spans) {
      if (s.costTotal() != null) {
        cost = (cost == null ? 0 : cost) + s.costTotal();
      }
    }
    return new Finished(new ExperimentStore.RunWrite(new ExperimentRun(runId, e.id(), example.id(), repetition,
        out.output(), out.error(), start, end, out.promptTokens(), out.completionTokens(), cost,
        spans.getFirst().traceId()), index, Map.of()), spans);
  }

  /**
   * Submits a batch's traces to the span writer as one submission (one writer commit and one set of trace roll-ups
   * per batch rather than per run), then stores the runs. A run whose trace the writer refused keeps no trace id.
   */
  private void store(Experiment e, List<Finished> batch, List<CompletableFuture<Void>> submitted) {
    List<Span> spans = new ArrayList<>();
    batch.forEach(f -> spans.addAll(f.spans()));
    boolean traced;
    try {
      CompletableFuture<Void> f = traces.submit(spans, 0);
      synchronized (submitted) {
        submitted.add(f);
      }
      traced = true;
    } catch (RuntimeException ex) {
      // The writer is overloaded or closed: the runs count without their traces.
      LOG.warn("experiment {}: the traces of {} runs could not be written: {}", e.id(), batch.size(), ex.getMessage());
      traced = false;
    }
    List<ExperimentStore.RunWrite> runs = new ArrayList<>(batch.size());
    for (Finished f : batch) {
      ExperimentRun r = f.run().run();
      runs.add(traced ? f.run() : new ExperimentStore.RunWrite(new ExperimentRun(r.id(), r.experimentId(),
          r.exampleId(), r.repetition(), r.output(), r.error(), r.startTime(), r.endTime(), r.promptTokens(),
          r.completionTokens(), r.cost(), null), f.run().exampleIndex(), f.run().extra()));
    }
    store.upsertRuns(runs);
  }

  private static void awaitTraces(List<CompletableFuture<Void>> submitted) {
    List<CompletableFuture<Void>> all;
    synchronized (submitted) {
      all = List.copyOf(submitted);
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (Exception ex) {
      LOG.warn("some experiment traces were not committed: {}", ex.toString());
    }
  }

  // --- evaluations ---------------------------------------------------------------------------------------------

  /** Runs every evaluator on every successful run without a result of its name; returns why it fails, or null. */
  private String evaluate(Experiment e, List<Example> examples, Cancel cancel, Listener listener) {
    if (e.evaluators().isEmpty()) {
      return null;
    }
    List<ExperimentValidator.Resolved> resolved = validator.resolveStored(ALL, e);
    var env = executor.environment(ALL);
    Map<String, Example> byId = new HashMap<>();
    examples.forEach(x -> byId.put(x.id(), x));
    List<ExperimentRun> runs = store.runs(e.id()).stream().filter(r -> r.error() == null).toList();
    Map<String, List<Evaluation>> existing = evaluationsOf(e, runs);
    List<WorkItem> items = new ArrayList<>();
    long total = (long) runs.size() * resolved.size();
    long already = 0;
    for (ExperimentValidator.Resolved r : resolved) {
      RunnableEvaluator runnable = Evaluators.prepare(r.spec(), env);
      for (ExperimentRun run : runs) {
        boolean has = existing.getOrDefault(run.id(), List.of()).stream().anyMatch(ev -> ev.name().equals(r.spec().name()));
        Example example = byId.get(run.exampleId());
        if (has) {
          already++;
        } else if (example != null) {
          items.add(new WorkItem(ExperimentSubjects.of(e.projectId(), run, example), runnable, r.evaluatorId(),
              r.version()));
        }
      }
    }
    AtomicLong done = new AtomicLong(already);
    long runsTotal = (long) examples.size() * e.repetitions();
    listener.progress(runsTotal, runsTotal, done.get(), total);
    if (items.isEmpty()) {
      return null;
    }
    Batcher<Evaluation> results = new Batcher<>(BATCH, BATCH_MILLIS, batch -> evaluations.upsert(ALL, batch));
    RunReport report;
    try {
      report = executor.run(new UntilCancelled(items.iterator(), cancel),
          new RunOptions(Evaluation.Source.EXPERIMENT, e.id()), (item, result) -> {
            results.add(result);
            listener.progress(runsTotal, runsTotal, done.incrementAndGet(), total);
          });
    } finally {
      results.flush();
    }
    return report.paused() ? "evaluation paused: " + report.pausedReason() : null;
  }

  private Map<String, List<Evaluation>> evaluationsOf(Experiment e, List<ExperimentRun> runs) {
    Map<String, List<Evaluation>> byRun = new HashMap<>();
    if (e.projectId() == null || runs.isEmpty()) {
      return byRun;
    }
    List<String> ids = runs.stream().map(ExperimentRun::id).toList();
    for (int from = 0; from < ids.size(); from += 500) {
      for (Evaluation ev : evaluations.listForTargets(ALL, e.projectId(),
          Map.of(Evaluation.TargetKind.EXPERIMENT_RUN, ids.subList(from, Math.min(ids.size(), from + 500))))) {
        byRun.computeIfAbsent(ev.targetId(), k -> new ArrayList<>()).add(ev);
      }
    }
    return byRun;
  }

  private static String key(String exampleId, int repetition) {
    return exampleId + '\u0000' + repetition;
  }

  /** Whether the experiment was cancelled, re-read (the status alone) from the store at most every 500 ms. */
  private final class Cancel {
    private final String id;
    private volatile long checkedAt = System.nanoTime();
    private volatile boolean cancelled;

    Cancel(String id) {
      this.id = id;
    }

    boolean cancelled() {
      if (!cancelled && System.nanoTime() - checkedAt > CANCEL_CHECK_NANOS) {
        checkedAt = System.nanoTime();
        cancelled = store.status(id).map(x -> x == ExperimentStatus.CANCELLED).orElse(true);
      }
      return cancelled;
    }
  }

  /** Ends the executor's stream of items once the experiment is cancelled. */
  private static final class UntilCancelled implements Iterator<WorkItem> {
    private final Iterator<WorkItem> items;
    private final Cancel cancel;

    UntilCancelled(Iterator<WorkItem> items, Cancel cancel) {
      this.items = items;
      this.cancel = cancel;
    }

    @Override
    public boolean hasNext() {
      return items.hasNext() && !cancel.cancelled();
    }

    @Override
    public WorkItem next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return items.next();
    }
  }
}
