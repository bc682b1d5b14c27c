package dev.assay.datasets;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store port of datasets, their versions and examples. Owned by the datasets feature (branch wt/datasets);
 * JDBC adapter {@code dev.assay.store.JdbcDatasetStore}. Every read and write is limited to datasets in spaces the
 * scope allows; a dataset the scope cannot see is absent. Versions are numbered from 1 per dataset and are never
 * changed once written.
 */
public interface DatasetStore {

  /**
   * Creates the dataset and its version 1 holding {@code examples} in one transaction.
   *
   * @throws dev.assay.shared.ConflictException when the space has a dataset of that name
   * @throws dev.assay.shared.NotFoundException when the space is not visible
   */
  Dataset create(AccessScope scope, String spaceId, String name, String description, List<ExampleDraft> examples);

  /** The dataset with its versions, newest first. */
  Optional<Dataset> findById(AccessScope scope, String id);

  /** The dataset named {@code name} in the space, with its versions. */
  Optional<Dataset> findByName(AccessScope scope, String spaceId, String name);

  /** Visible datasets in (name, id) order, without versions. */
  Page<Dataset> list(AccessScope scope, DatasetFilter filter, PageRequest page);

  /**
   * Renames and/or re-describes (null = unchanged, blank description = none).
   *
   * @throws dev.assay.shared.ConflictException when another dataset of the space has the name
   */
  Dataset update(AccessScope scope, String id, String name, String description);

  /** Deletes the dataset, its versions and examples; false when it is not there. */
  boolean delete(AccessScope scope, String id);

  /** The version whose id or name is {@code versionRef}, or the latest when null. */
  Optional<DatasetVersion> findVersion(AccessScope scope, String datasetId, String versionRef);

  /**
   * Applies {@code changes} to the latest version as one new version (one transaction). Revisions and deletes of
   * ids the latest version does not hold are skipped and reported in {@link ExampleChangeResult#missingIds()};
   * when nothing is left to change, no version is written and the result carries the latest version.
   *
   * @throws dev.assay.shared.ConflictException when an insert names an id the latest version holds, or the version
   *     name is taken
   */
  ExampleChangeResult change(AccessScope scope, String datasetId, ExampleChanges changes);

  /** A page of the examples of version {@code number}, in (created_at, id) order, restricted to any of {@code splits}. */
  Page<Example> examples(AccessScope scope, String datasetId, int number, Collection<String> splits, PageRequest page);

  /** Every example of the version in the same order, handed over one at a time (exports, experiments). */
  void forEachExample(AccessScope scope, String datasetId, int number, Collection<String> splits, Consumer<Example> sink);

  /** The examples of {@code ids} the version holds, in (created_at, id) order. */
  List<Example> examplesById(AccessScope scope, String datasetId, int number, Collection<String> ids);

  /** Of {@code ids}, those the version holds. */
  List<String> existingIds(AccessScope scope, String datasetId, int number, Collection<String> ids);

  /** The distinct splits of the version's examples, sorted. */
  List<String> splits(AccessScope scope, String datasetId, int number);
}
