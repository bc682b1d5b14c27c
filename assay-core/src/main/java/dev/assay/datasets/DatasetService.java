package dev.assay.datasets;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.SpaceService;
import dev.assay.traces.SpanService;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Datasets with immutable versions. Every method taking a {@code datasetRef} accepts an id or a name (a name
 * is looked up in {@code spaceRef}, the default space when null). Bad input is an
 * {@link dev.assay.shared.InvalidInputException} and stores nothing; an unknown or invisible dataset a
 * {@link dev.assay.shared.NotFoundException}.
 *
 * <p>The methods below are the contract other features call (experiments, {@code assay eval}, the API); the
 * datasets feature adds the rest (update, delete, splits, from-spans, export).
 */
public final class DatasetService {
  private final DatasetStore store;
  private final SpaceService spaces;
  private final SpanService spans;
  private final Clock clock;

  public DatasetService(DatasetStore store, SpaceService spaces, SpanService spans, Clock clock) {
    if (store == null || spaces == null || spans == null || clock == null) {
      throw new NullPointerException("store, spaces, spans and clock are required");
    }
    this.store = store;
    this.spaces = spaces;
    this.spans = spans;
    this.clock = clock;
  }

  /**
   * Creates a dataset whose first version holds {@code examples} (at least one).
   *
   * @throws dev.assay.shared.ConflictException when the space has a dataset of that name
   */
  public Dataset create(AccessScope scope, String spaceRef, String name, String description,
      List<ExampleDraft> examples) {
    throw new UnsupportedOperationException("contract: wt/datasets");
  }

  /** The dataset with its versions, newest first. */
  public Dataset get(AccessScope scope, String spaceRef, String datasetRef) {
    throw new UnsupportedOperationException("contract: wt/datasets");
  }

  /** The version {@code versionRef} (id or name) of the dataset, or its latest version when null. */
  public DatasetVersion version(AccessScope scope, String spaceRef, String datasetRef, String versionRef) {
    throw new UnsupportedOperationException("contract: wt/datasets");
  }

  /** Appends new examples as a new version; returns that version. */
  public DatasetVersion append(AccessScope scope, String spaceRef, String datasetRef, List<ExampleDraft> examples) {
    throw new UnsupportedOperationException("contract: wt/datasets");
  }

  /**
   * Every example of a dataset version in their stable order (created_at, then id), restricted to
   * {@code splits} when not empty. For experiments: the version must belong to the dataset.
   */
  public List<Example> examples(AccessScope scope, String datasetId, String versionId, Collection<String> splits) {
    throw new UnsupportedOperationException("contract: wt/datasets");
  }

  /** A page of the same. */
  public Page<Example> examples(AccessScope scope, String datasetId, String versionId, Collection<String> splits,
      PageRequest page) {
    throw new UnsupportedOperationException("contract: wt/datasets");
  }
}
