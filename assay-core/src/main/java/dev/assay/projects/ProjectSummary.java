package dev.assay.projects;

/** A project with its activity, as overview pages list them. */
public record ProjectSummary(Project project, ProjectActivity activity) {}
