package dev.assay.tasks;

import java.time.Instant;
import java.util.Objects;

/** A trace or session of a continuous task waiting to settle before it is evaluated. */
public record PendingTarget(String taskId, String targetId, String projectId, Instant dueAt) {
  public PendingTarget {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
