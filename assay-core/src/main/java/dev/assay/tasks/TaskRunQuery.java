package dev.assay.tasks;

/** Filters for listing a task's runs, newest first; a null status does not filter. */
public record TaskRunQuery(String taskId, TaskRunStatus status) {}
