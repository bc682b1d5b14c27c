package dev.assay.spaces;

import java.time.Instant;

/** A space groups projects and (once auth exists) the people who may see them. */
public record Space(String id, String name, String description, Instant createdAt, Instant updatedAt) {
  /** The id of the {@code default} space that every database has from its first migration. */
  public static final String DEFAULT_ID = "00000000-0000-7000-8000-000000000001";
  public static final String DEFAULT_NAME = "default";
}
