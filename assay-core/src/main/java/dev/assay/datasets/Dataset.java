package dev.assay.datasets;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A named collection of examples in a space, with immutable versions: every change of its examples (append,
 * update, delete) writes a new {@link DatasetVersion}, and older versions read exactly as they were.
 *
 * @param versions newest first; empty where a listing leaves them out (AX lists datasets without versions)
 * @param exampleCount examples in the latest version
 */
public record Dataset(String id, String spaceId, String name, String description, Instant createdAt,
    Instant updatedAt, List<DatasetVersion> versions, long exampleCount) {
  public Dataset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spaceId, "spaceId");
    Objects.requireNonNull(name, "name");
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
