package dev.assay.datasets;

import java.util.List;

/**
 * What a change did.
 *
 * @param version the version written, or the unchanged latest version when nothing changed ({@code changed} false)
 * @param insertedIds ids of the inserted examples, in input order
 * @param updatedIds ids of the revised examples
 * @param deletedIds ids left out of the new version
 * @param missingIds revision and delete ids the latest version did not hold
 */
public record ExampleChangeResult(DatasetVersion version, boolean changed, List<String> insertedIds,
    List<String> updatedIds, List<String> deletedIds, List<String> missingIds) {
  public ExampleChangeResult {
    insertedIds = List.copyOf(insertedIds);
    updatedIds = List.copyOf(updatedIds);
    deletedIds = List.copyOf(deletedIds);
    missingIds = List.copyOf(missingIds);
  }
}
