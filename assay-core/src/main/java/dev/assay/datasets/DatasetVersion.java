package dev.assay.datasets;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable snapshot of a dataset's examples.
 *
 * @param name a label given on update ({@code new_version} in AX), else {@code v<number>}
 * @param number 1 for the first version, counting up per dataset
 * @param exampleCount how many examples the version holds
 */
public record DatasetVersion(String id, String datasetId, String name, int number, String description,
    Instant createdAt, long exampleCount) {
  public DatasetVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(datasetId, "datasetId");
  }
}
