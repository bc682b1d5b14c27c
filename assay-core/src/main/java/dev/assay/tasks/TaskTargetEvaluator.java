package dev.assay.tasks;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EmbeddingSpec;
import dev.assay.eval.EvalOutcome;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.EvaluationStore;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.Evaluators;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.RunnableEvaluator;
import dev.assay.eval.Subject;
import dev.assay.eval.SubjectBuilder;
import dev.assay.eval.SubjectKind;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.eval.exec.RunOptions;
import dev.assay.eval.exec.RunReport;
import dev.assay.eval.exec.WorkItem;
import dev.assay.llm.ProviderException;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.traces.Span;
import dev.assay.traces.SpanService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates targets of one task: the core shared by run chunks and continuous work. For each attached evaluator
 * it resolves the version (pinned or latest), lays the attachment's column mappings over the spec's, keeps the
 * targets that exist and match the task's filter AND the evaluator's, skips targets already evaluated by the same
 * evaluator version (unless {@code override}), counts results this same run wrote before (a chunk that runs again
 * reports the same counts), runs the rest through the {@link EvalExecutor} and upserts the results in batches.
 * Sampling is the caller's: it decides which targets come here.
 *
 * <p>Workers act for a stored task, so every read and write here is unrestricted.
 */
public final class TaskTargetEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(TaskTargetEvaluator.class);
  private static final AccessScope ALL = AccessScope.unrestricted();

  private final TaskStore tasks;
  private final EvaluatorService evaluators;
  private final EvaluationStore evaluations;
  private final SpanService spans;
  private final SubjectBuilder subjects;
  private final EvalExecutor executor;
  private final int upsertBatch;

  public TaskTargetEvaluator(TaskStore tasks, EvaluatorService evaluators, EvaluationStore evaluations,
      SpanService spans, EvalExecutor executor) {
    this(tasks, evaluators, evaluations, spans, executor, 200);
  }

  TaskTargetEvaluator(TaskStore tasks, EvaluatorService evaluators, EvaluationStore evaluations, SpanService spans,
      EvalExecutor executor, int upsertBatch) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.evaluators = Objects.requireNonNull(evaluators, "evaluators");
    this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
    this.spans = Objects.requireNonNull(spans, "spans");
    this.subjects = new SubjectBuilder(spans);
    this.executor = Objects.requireNonNull(executor, "executor");
    this.upsertBatch = upsertBatch;
  }

  /**
   * What one call did. Counts are per evaluation (target × evaluator).
   *
   * @param pausedReason set when a provider's auth, billing or configuration failure stopped the work; the finished
   *     items are stored, {@code unprocessed} lists the targets with work left
   * @param pausedConfigId the model config that failed, when known
   * @param problems why evaluators could not run at all (deleted evaluator or version, a changed scope, a bad
   *     filter); their evaluations are counted as errors without a stored result
   */
  public record Outcome(long successes, long errors, long skipped, String pausedReason, String pausedConfigId,
      List<String> unprocessed, List<String> problems) {
    public Outcome {
      unprocessed = List.copyOf(unprocessed);
      problems = List.copyOf(problems);
    }

    public boolean paused() {
      return pausedReason != null;
    }
  }

  /** One attached evaluator, resolved: the version to run and its spec with the task's mappings applied. */
  public record Attached(TaskEvaluatorRef ref, String evaluatorId, long version, EvaluatorSpec spec) {}

  /** The attached evaluators that can run, and a message for each that cannot. */
  public record Resolution(List<Attached> attached, List<String> problems) {}

  /**
   * Evaluates {@code targetIds} (span, trace or session ids by the task's scope) with every evaluator of the task.
   *
   * @param runId the run whose chunk this is (stamped on the results); null for continuous work
   * @param override evaluate again targets that already have a result of the same evaluator version
   */
  public Outcome evaluate(Task task, List<String> targetIds, String runId, boolean override) {
    return evaluate(task, targetIds, runId, override, null);
  }

  /**
   * As {@link #evaluate(Task, List, String, boolean)} for SPAN targets known to be ingested at or after
   * {@code ingestedSince} (continuous work: the commit's time). Every read (spans, filter, existing results) is then
   * bounded by it, so DuckDB skips older row groups: a span's results cannot predate its ingestion (inline feedback
   * is written in the span's own commit, with the same time). Null, or another scope: unbounded reads.
   */
  public Outcome evaluate(Task task, List<String> targetIds, String runId, boolean override, java.time.Instant ingestedSince) {
    java.time.Instant since = task.scope() == SubjectKind.SPAN ? ingestedSince : null;
    List<String> ids = List.copyOf(new LinkedHashSet<>(targetIds));
    Resolution resolution = resolve(task);
    Counts counts = new Counts();
    List<String> problems = new ArrayList<>(resolution.problems());
    counts.errors += (long) resolution.problems().size() * ids.size();
    if (ids.isEmpty() || resolution.attached().isEmpty()) {
      return counts.outcome(null, null, List.of(), problems);
    }
    Map<String, Evaluation> existing = existing(task, ids, since);
    Map<String, Set<String>> matchingByFilter = new HashMap<>();
    Map<Attached, List<String>> toRun = new LinkedHashMap<>();
    for (Attached a : resolution.attached()) {
      Set<String> matching;
      try {
        matching = matchingByFilter.computeIfAbsent(combinedFilter(task, a.ref()),
            f -> tasks.matching(task.projectId(), task.scope(), FilterParser.parseOptional(f),
                ids, since));
      } catch (InvalidInputException e) {
        problems.add("evaluator " + a.evaluatorId() + ": its filter does not parse: " + e.getMessage());
        counts.errors += ids.size();
        continue;
      }
      List<String> work = new ArrayList<>();
      for (String id : ids) {
        if (!matching.contains(id)) {
          continue;
        }
        Evaluation before = existing.get(key(id, a.spec().name()));
        boolean sameVersion = before != null && a.evaluatorId().equals(before.evaluatorId())
            && Long.valueOf(a.version()).equals(before.evaluatorVersion());
        if (sameVersion && runId != null && runId.equals(before.runId())) {
          counts.count(before); // written by this run before a crash or a pause: counted, not redone
        } else if (sameVersion && !override) {
          counts.skipped++;
        } else {
          work.add(id);
        }
      }
      if (!work.isEmpty()) {
        toRun.put(a, work);
      }
    }
    if (toRun.isEmpty()) {
      return counts.outcome(null, null, List.of(), problems);
    }
    return run(task, toRun, runId, counts, problems, since);
  }

  /** Resolves every evaluator of the task (pinned version or latest) and applies its column mappings. */
  public Resolution resolve(Task task) {
    List<Attached> attached = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (TaskEvaluatorRef ref : task.evaluators()) {
      try {
        var found = evaluators.get(ALL, ref.evaluatorId(), null, ref.evaluatorVersionId());
        EvaluatorSpec spec = found.version().spec();
        if (!matchesScope(spec.granularity(), task.scope())) {
          problems.add("evaluator '" + found.evaluator().name() + "' (version " + found.version().version()
              + ") evaluates " + spec.granularity() + " but the task's scope is " + task.scope());
          continue;
        }
        attached.add(new Attached(ref, found.evaluator().id(), found.version().version(),
            Evaluators.withMappings(spec, ref.columnMappings())));
      } catch (NotFoundException e) {
        problems.add("evaluator " + ref.evaluatorId() + (ref.evaluatorVersionId() == null ? ""
            : " version " + ref.evaluatorVersionId()) + " no longer exists: " + e.getMessage());
      } catch (InvalidInputException e) {
        problems.add("evaluator " + ref.evaluatorId() + ": " + e.getMessage());
      }
    }
    return new Resolution(attached, problems);
  }

  /**
   * The targets among {@code targetIds} that already have a result of every evaluator in {@code attached} at its
   * resolved version (what a run without override leaves out when it plans).
   */
  public Set<String> evaluatedByAll(Task task, List<Attached> attached, Collection<String> targetIds) {
    if (targetIds.isEmpty() || attached.isEmpty()) {
      return Set.of();
    }
    Map<String, Evaluation> existing = existing(task, targetIds, null);
    Set<String> done = new HashSet<>();
    for (String id : targetIds) {
      boolean all = true;
      for (Attached a : attached) {
        Evaluation e = existing.get(key(id, a.spec().name()));
        if (e == null || !a.evaluatorId().equals(e.evaluatorId())
            || !Long.valueOf(a.version()).equals(e.evaluatorVersion())) {
          all = false;
          break;
        }
      }
      if (all) {
        done.add(id);
      }
    }
    return done;
  }

  /** The result kind targets of this scope are stored under. */
  public static Evaluation.TargetKind targetKind(SubjectKind scope) {
    return switch (scope) {
      case SPAN -> Evaluation.TargetKind.SPAN;
      case TRACE, TRAJECTORY -> Evaluation.TargetKind.TRACE;
      case SESSION -> Evaluation.TargetKind.SESSION;
      case EXAMPLE -> throw new IllegalArgumentException("EXAMPLE targets come from datasets, not tasks");
    };
  }

  // --- running ---------------------------------------------------------------------------------------------

  private Outcome run(Task task, Map<Attached, List<String>> toRun, String runId, Counts counts, List<String> problems,
      java.time.Instant since) {
    Set<String> needed = new LinkedHashSet<>();
    toRun.values().forEach(needed::addAll);
    Map<String, Subject> built = subjects(task, needed, since);
    // A fresh environment per call: a model config whose key was just fixed is read again, not served from a cache.
    var env = executor.environment(ALL);
    AtomicReference<String> pausedBy = new AtomicReference<>();
    List<WorkItem> items = new ArrayList<>();
    for (Map.Entry<Attached, List<String>> e : toRun.entrySet()) {
      Attached a = e.getKey();
      RunnableEvaluator runnable;
      try {
        runnable = new Watched(Evaluators.prepare(a.spec(), env), modelConfigId(a.spec()), pausedBy);
      } catch (InvalidInputException ex) {
        problems.add("evaluator " + a.evaluatorId() + " version " + a.version() + " cannot run: " + ex.getMessage());
        counts.errors += e.getValue().size();
        continue;
      }
      for (String id : e.getValue()) {
        Subject s = built.get(id);
        if (s == null) {
          counts.skipped++; // deleted since it was listed
        } else {
          items.add(new WorkItem(s, runnable, a.evaluatorId(), a.version()));
        }
      }
    }
    BatchedUpsert sink = new BatchedUpsert(evaluations, upsertBatch);
    RunReport report;
    try {
      report = executor.run(items.iterator(), new RunOptions(Evaluation.Source.TASK, runId), sink);
    } finally {
      sink.flush();
    }
    counts.successes += report.succeeded();
    counts.errors += report.failed();
    counts.skipped += report.skipped();
    if (!report.paused()) {
      return counts.outcome(null, null, List.of(), problems);
    }
    List<String> unprocessed = report.unprocessed().stream().map(i -> i.subject().targetId()).distinct().toList();
    return counts.outcome(report.pausedReason(), pausedBy.get(), unprocessed, problems);
  }

  /** Subjects for the targets that still exist: spans in one read, traces and sessions one by one. */
  private Map<String, Subject> subjects(Task task, Collection<String> ids, java.time.Instant since) {
    Map<String, Subject> out = new HashMap<>();
    if (task.scope() == SubjectKind.SPAN) {
      for (Map.Entry<String, Span> e : spans.getSpans(ALL, task.projectId(), ids, since).entrySet()) {
        out.put(e.getKey(), SubjectBuilder.ofSpan(e.getValue()));
      }
      return out;
    }
    for (String id : ids) {
      try {
        out.put(id, switch (task.scope()) {
          case TRACE -> subjects.trace(ALL, task.projectId(), id);
          case TRAJECTORY -> subjects.trajectory(ALL, task.projectId(), id);
          case SESSION -> subjects.session(ALL, task.projectId(), id);
          default -> throw new IllegalStateException("scope " + task.scope());
        });
      } catch (NotFoundException e) {
        LOG.debug("task {}: {} {} is gone: {}", task.id(), task.scope(), id, e.getMessage());
      }
    }
    return out;
  }

  /** Results already on these targets, by target id and result name. */
  private Map<String, Evaluation> existing(Task task, Collection<String> ids, java.time.Instant createdSince) {
    Map<String, Evaluation> out = new HashMap<>();
    for (Evaluation e : evaluations.listForTargets(ALL, task.projectId(), Map.of(targetKind(task.scope()), ids),
        createdSince)) {
      if (e.identifier().isEmpty()) {
        out.put(key(e.targetId(), e.name()), e);
      }
    }
    return out;
  }

  private static String key(String targetId, String name) {
    return targetId + '\u0000' + name;
  }

  /** The task's filter AND the evaluator's, as filter-language text ("" for none: {@link FilterParser#parseOptional}). */
  private static String combinedFilter(Task task, TaskEvaluatorRef ref) {
    String t = blankToNull(task.queryFilter());
    String e = blankToNull(ref.queryFilter());
    if (t == null || e == null) {
      return t != null ? t : e != null ? e : "";
    }
    return "(" + t + ") AND (" + e + ")";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** TRACE and TRAJECTORY targets are both traces, but an evaluator's granularity must be the task's scope. */
  private static boolean matchesScope(SubjectKind granularity, SubjectKind scope) {
    return granularity == scope;
  }

  private static String modelConfigId(EvaluatorSpec spec) {
    return switch (spec) {
      case JudgeSpec j -> j.model() == null ? null : j.model().modelConfigId();
      case EmbeddingSpec e -> e.model() == null ? null : e.model().modelConfigId();
      default -> null;
    };
  }

  /** Notes which model config's failure paused the work: the executor's report says why, not which config. */
  private record Watched(RunnableEvaluator delegate, String configId, AtomicReference<String> pausedBy)
      implements RunnableEvaluator {
    @Override
    public EvaluatorSpec spec() {
      return delegate.spec();
    }

    @Override
    public EvalOutcome evaluate(Subject subject) throws EvaluationException {
      try {
        return delegate.evaluate(subject);
      } catch (EvaluationException | RuntimeException e) {
        if (configId != null && pauses(e)) {
          pausedBy.compareAndSet(null, configId);
        }
        throw e;
      }
    }

    private static boolean pauses(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof ProviderException p && p.pausesWork()) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class Counts {
    long successes;
    long errors;
    long skipped;

    void count(Evaluation e) {
      if (e.error() == null) {
        successes++;
      } else {
        errors++;
      }
    }

    Outcome outcome(String pausedReason, String configId, List<String> unprocessed, List<String> problems) {
      return new Outcome(successes, errors, skipped, pausedReason, configId, unprocessed, problems);
    }
  }
}
