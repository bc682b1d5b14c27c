package dev.assay.eval;

import dev.assay.auth.AccessScope;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.eval.exec.RunOptions;
import dev.assay.eval.exec.RunReport;
import dev.assay.eval.exec.WorkItem;
import dev.assay.shared.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Try before saving: runs a spec (or a stored version) on a few real subjects through the executor and returns the
 * results without storing anything. Subjects come from the given target ids, or are the newest ones of the
 * evaluator's granularity matching a filter in a time window.
 */
public final class TryEvaluatorService {
  public static final int DEFAULT_LIMIT = 5;
  public static final int MAX_LIMIT = 50;

  /**
   * What to try: {@code spec}, or the evaluator {@code evaluatorRef} (id or name, in the default space) at
   * {@code versionId} (latest when null), on {@code targetIds} or on up to {@code limit} sampled subjects.
   */
  public record Request(String projectRef, EvaluatorSpec spec, String evaluatorRef, String versionId, String filter,
      Instant start, Instant end, Integer limit, List<String> targetIds) {}

  /** One subject and what the evaluator said about it (an error result when it failed). */
  public record Result(Subject subject, Evaluation evaluation) {}

  /** The results in subject order; {@code pausedReason} is set when the work paused (e.g. the model refused the key). */
  public record Report(List<Result> results, String pausedReason) {}

  private final SubjectBuilder subjects;
  private final EvaluatorService evaluators;
  private final EvalExecutor executor;

  public TryEvaluatorService(SubjectBuilder subjects, EvaluatorService evaluators, EvalExecutor executor) {
    if (subjects == null || evaluators == null || executor == null) {
      throw new NullPointerException("subjects, evaluators and executor are required");
    }
    this.subjects = subjects;
    this.evaluators = evaluators;
    this.executor = executor;
  }

  /**
   * Runs the evaluator on the subjects and waits for every result.
   *
   * @throws InvalidInputException for a bad request (no or two evaluators, a limit outside 1..50, too many ids)
   * @throws dev.assay.shared.NotFoundException for an unknown project, evaluator, version or target id
   */
  public Report run(AccessScope scope, Request request) {
    if (request.projectRef() == null || request.projectRef().isBlank()) {
      throw new InvalidInputException("project_id is required");
    }
    if ((request.spec() == null) == (request.evaluatorRef() == null)) {
      throw new InvalidInputException("give exactly one of spec and evaluator_id");
    }
    int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    EvaluatorSpec spec;
    String evaluatorId = null;
    Long version = null;
    if (request.spec() != null) {
      EvaluatorService.validate(request.spec());
      spec = request.spec();
    } else {
      EvaluatorWithVersion stored = evaluators.get(scope, request.evaluatorRef(), null, request.versionId());
      spec = stored.version().spec();
      evaluatorId = stored.evaluator().id();
      version = stored.version().version();
    }
    List<Subject> picked = subjects(scope, request, spec.granularity(), limit);
    RunnableEvaluator evaluator = Evaluators.prepare(spec, executor.environment(scope));
    List<WorkItem> items = new ArrayList<>(picked.size());
    for (Subject s : picked) {
      items.add(new WorkItem(s, evaluator, evaluatorId, version));
    }
    Map<WorkItem, Evaluation> results = new IdentityHashMap<>();
    RunReport report = executor.run(items.iterator(), new RunOptions(Evaluation.Source.API, null), (item, result) -> {
      synchronized (results) {
        results.put(item, result);
      }
    });
    List<Result> out = new ArrayList<>(items.size());
    for (WorkItem item : items) {
      Evaluation e;
      synchronized (results) {
        e = results.get(item);
      }
      out.add(new Result(item.subject(), e != null ? e : notRun(item, report)));
    }
    return new Report(out, report.pausedReason());
  }

  private List<Subject> subjects(AccessScope scope, Request request, SubjectKind kind, int limit) {
    List<String> ids = request.targetIds();
    if (ids == null || ids.isEmpty()) {
      return subjects.sample(scope, request.projectRef(), kind, request.filter(), request.start(), request.end(), limit);
    }
    if (ids.size() > MAX_LIMIT) {
      throw new InvalidInputException("target_ids holds " + ids.size() + " ids; at most " + MAX_LIMIT + " are tried at once");
    }
    List<Subject> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(switch (kind) {
        case SPAN -> subjects.span(scope, request.projectRef(), id);
        case TRACE -> subjects.trace(scope, request.projectRef(), id);
        case TRAJECTORY -> subjects.trajectory(scope, request.projectRef(), id);
        case SESSION -> subjects.session(scope, request.projectRef(), id);
        case EXAMPLE -> throw new InvalidInputException("EXAMPLE evaluators are tried through experiments, not on a project");
      });
    }
    return out;
  }

  /** The stand-in result of a subject the executor did not evaluate: skipped by the loop guard, or left by a pause. */
  private static Evaluation notRun(WorkItem item, RunReport report) {
    Subject s = item.subject();
    String why = s.fromEvaluator() ? "not evaluated: this span was produced by an evaluator (loop guard)"
        : "not evaluated: the work paused: " + report.pausedReason();
    return new Evaluation(null, s.projectId() == null ? "" : s.projectId(), s.targetKind(), s.targetId(), item.evaluator().spec().name(),
        "", item.evaluatorId(), item.evaluatorVersion(), null, null, null, null, Evaluation.AnnotatorKind.CODE,
        Evaluation.Source.API, null, null, why, null, null);
  }
}
