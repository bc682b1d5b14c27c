package dev.assay.datasets;

import java.util.List;

/**
 * One change of a dataset's examples, written as one new version.
 *
 * @param inserts new examples; a null id gets a new one, a given id must not be in the latest version
 * @param revisions new content for examples the latest version holds (by id); others are reported missing
 * @param deletes ids of examples to leave out of the new version; ids not held are reported missing
 * @param versionName the new version's name, or null for {@code v<number>}
 * @param versionDescription the new version's description, or null
 */
public record ExampleChanges(List<ExampleDraft> inserts, List<ExampleDraft> revisions, List<String> deletes,
    String versionName, String versionDescription) {
  public ExampleChanges {
    inserts = inserts == null ? List.of() : List.copyOf(inserts);
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
    deletes = deletes == null ? List.of() : List.copyOf(deletes);
  }

  public static ExampleChanges append(List<ExampleDraft> examples) {
    return new ExampleChanges(examples, List.of(), List.of(), null, null);
  }
}
