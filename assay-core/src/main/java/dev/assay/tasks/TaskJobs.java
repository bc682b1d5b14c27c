package dev.assay.tasks;

import java.util.List;
import java.util.Objects;

/**
 * The job kinds tasks put on the work queue and their payloads (JSON objects with these records' fields in
 * snake_case). Payloads carry ids, never span content.
 */
public final class TaskJobs {
  /** Plans a run: lists its targets, splits them into chunks and enqueues one {@link #EVALUATE} job per chunk. */
  public static final String PLAN_RUN = "tasks.plan-run";
  /** Evaluates a list of targets for one task: a run's chunk, or continuous work. */
  public static final String EVALUATE = "tasks.evaluate";
  /** Spans just committed in a project with continuous tasks; enqueued by the span writer in the commit. */
  public static final String INGESTED = "tasks.ingested";

  private TaskJobs() {}

  /** {@value #PLAN_RUN}: {@code {"run_id": …}}. */
  public record PlanRun(String runId) {
    public PlanRun {
      Objects.requireNonNull(runId, "runId");
    }
  }

  /**
   * {@value #EVALUATE}.
   *
   * @param runId the run for a chunk; null for continuous work
   * @param chunkNo the chunk's number within the run; null for continuous work
   * @param targetIds span, trace or session ids, by the task's scope
   * @param override re-evaluate targets that already have a result of the same evaluator version
   */
  public record Evaluate(String taskId, String runId, Integer chunkNo, List<String> targetIds, boolean override) {
    public Evaluate {
      Objects.requireNonNull(taskId, "taskId");
      targetIds = List.copyOf(targetIds);
    }
  }

  /**
   * {@value #INGESTED}: the spans one commit inserted into one project (resent spans are not repeated).
   *
   * @param spans each {@code [trace_id, span_id, session_id or null]}
   * @param ingestedAt the commit's {@code spans.ingested_at} (epoch microseconds; every span of one commit has the
   *     same), or null when unknown (jobs enqueued before the field existed). The handler bounds its reads by it
   *     ({@code ingested_at >= …}), so DuckDB's zone maps skip the older row groups instead of scanning them all.
   */
  public record Ingested(String projectId, List<List<String>> spans, Long ingestedAt) {
    public Ingested {
      Objects.requireNonNull(projectId, "projectId");
      spans = List.copyOf(spans);
    }

    public Ingested(String projectId, List<List<String>> spans) {
      this(projectId, spans, null);
    }
  }
}
