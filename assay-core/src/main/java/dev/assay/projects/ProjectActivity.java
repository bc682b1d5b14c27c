package dev.assay.projects;

import java.time.Instant;

/**
 * What a project holds, for overview pages: counts of stored spans, traces and sessions, and when its
 * latest span ended.
 *
 * @param lastSpanTime the latest end time of any span in the project; null when it has none
 */
public record ProjectActivity(String projectId, long spanCount, long traceCount, long sessionCount, Instant lastSpanTime) {

  /** The activity of a project with nothing in it. */
  public static ProjectActivity none(String projectId) {
    return new ProjectActivity(projectId, 0, 0, 0, null);
  }
}
