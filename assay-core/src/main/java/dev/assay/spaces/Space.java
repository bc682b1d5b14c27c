package dev.assay.spaces;

import java.time.Instant;

/**
 * A space groups projects and (once auth exists) the people who may see them. Its name is unique.
 *
 * @param description free text; null when none was given
 * @param isPrivate recorded for AX compatibility; with auth it limits visibility to the space's members
 */
public record Space(String id, String name, String description, boolean isPrivate, Instant createdAt, Instant updatedAt) {
  /** The id of the {@code default} space that every database has from its first migration. */
  public static final String DEFAULT_ID = "00000000-0000-7000-8000-000000000001";
  public static final String DEFAULT_NAME = "default";

  public boolean isDefault() {
    return DEFAULT_ID.equals(id);
  }
}
