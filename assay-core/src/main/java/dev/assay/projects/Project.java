package dev.assay.projects;

import java.time.Instant;

/** A project holds the traces of one application; its name is unique within its space. */
public record Project(String id, String spaceId, String name, String description, Instant createdAt, Instant updatedAt) {}
