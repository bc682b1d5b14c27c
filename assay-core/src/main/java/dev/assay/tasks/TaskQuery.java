package dev.assay.tasks;

/**
 * Filters for listing tasks (AX's {@code list_tasks} parameters); null fields do not filter.
 *
 * @param nameContains case-insensitive substring of the task name
 */
public record TaskQuery(String spaceId, String projectId, String nameContains, TaskType type) {
  public static final TaskQuery ALL = new TaskQuery(null, null, null, null);
}
