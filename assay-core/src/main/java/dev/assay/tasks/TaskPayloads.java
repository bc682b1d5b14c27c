package dev.assay.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.assay.jobs.NewJob;

/** The JSON of {@link TaskJobs} payloads (snake_case fields) and the jobs made of them, in one place. */
public final class TaskPayloads {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private TaskPayloads() {}

  public static String write(Object payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a task job payload did not serialise: " + e.getOriginalMessage(), e);
    }
  }

  /** @throws IllegalArgumentException when the payload is not one of {@code type} (a job that can never succeed) */
  public static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + " payload: " + e.getOriginalMessage(), e);
    }
  }

  /** The job that plans a run; keyed by the run, so planning is enqueued once. */
  public static NewJob planRun(String runId) {
    return NewJob.of(TaskJobs.PLAN_RUN, write(new TaskJobs.PlanRun(runId))).withIdempotencyKey(TaskJobs.PLAN_RUN + ":" + runId);
  }

  /**
   * The job that evaluates targets: a run's chunk (keyed {@code tasks.evaluate:<runId>:<chunkNo>}, so a chunk is
   * enqueued once) or continuous work (no key).
   */
  public static NewJob evaluate(TaskJobs.Evaluate payload) {
    NewJob job = NewJob.of(TaskJobs.EVALUATE, write(payload));
    return payload.runId() == null ? job
        : job.withIdempotencyKey(TaskJobs.EVALUATE + ":" + payload.runId() + ":" + payload.chunkNo());
  }
}
