package dev.assay.datasets;

import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import dev.assay.traces.SpanService;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Datasets with immutable versions. Every method taking a {@code datasetRef} accepts an id or a name (a name
 * is looked up in {@code spaceRef}, the default space when null). Bad input is an
 * {@link dev.assay.shared.InvalidInputException} and stores nothing; an unknown or invisible dataset a
 * {@link dev.assay.shared.NotFoundException}.
 *
 * <p>The first methods are the contract other features call (experiments, {@code assay eval}, the API); the rest
 * are the datasets feature's (update, delete, splits, from-spans, upload, export).
 */
public final class DatasetService {
  /** Most examples one create, append or update may carry (an upload or from-spans import included). */
  public static final int MAX_EXAMPLES_PER_WRITE = 100_000;

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
    List<ExampleDraft> valid = validate(examples);
    Space space = spaces.getOrDefault(scope, spaceRef);
    return store.create(scope, space.id(), name, description, valid);
  }

  /** The dataset with its versions, newest first. */
  public Dataset get(AccessScope scope, String spaceRef, String datasetRef) {
    if (datasetRef == null || datasetRef.isBlank()) {
      throw new NotFoundException("dataset '' not found");
    }
    var byId = store.findById(scope, datasetRef);
    if (byId.isPresent()) {
      return byId.get();
    }
    Space space = spaces.getOrDefault(scope, spaceRef);
    return store.findByName(scope, space.id(), datasetRef)
        .orElseThrow(() -> new NotFoundException("dataset '" + datasetRef + "' not found in space '" + space.name() + "'"));
  }

  /** The version {@code versionRef} (id or name) of the dataset, or its latest version when null. */
  public DatasetVersion version(AccessScope scope, String spaceRef, String datasetRef, String versionRef) {
    return version(get(scope, spaceRef, datasetRef), versionRef);
  }

  private static DatasetVersion version(Dataset dataset, String versionRef) {
    if (versionRef == null || versionRef.isBlank()) {
      return dataset.versions().getFirst();
    }
    return dataset.versions().stream().filter(v -> v.id().equals(versionRef) || versionRef.equals(v.name())).findFirst()
        .orElseThrow(() -> new NotFoundException("dataset version '" + versionRef + "' not found in dataset '"
            + dataset.name() + "'"));
  }

  /** Appends new examples as a new version; returns that version. */
  public DatasetVersion append(AccessScope scope, String spaceRef, String datasetRef, List<ExampleDraft> examples) {
    return append(scope, spaceRef, datasetRef, examples, null).version();
  }

  /** Appends new examples as a new version named {@code versionName} (null for {@code v<number>}). */
  public ExampleChangeResult append(AccessScope scope, String spaceRef, String datasetRef, List<ExampleDraft> examples,
      String versionName) {
    List<ExampleDraft> valid = validate(examples);
    Dataset dataset = get(scope, spaceRef, datasetRef);
    return store.change(scope, dataset.id(), new ExampleChanges(valid, List.of(), List.of(), versionName, null));
  }

  /**
   * Every example of a dataset version in their stable order (created_at, then id), restricted to
   * {@code splits} when not empty. For experiments: the version must belong to the dataset.
   */
  public List<Example> examples(AccessScope scope, String datasetId, String versionId, Collection<String> splits) {
    List<Example> out = new ArrayList<>();
    forEachExample(scope, null, datasetId, versionId, splits, out::add);
    return out;
  }

  /** A page of the same. */
  public Page<Example> examples(AccessScope scope, String datasetId, String versionId, Collection<String> splits,
      PageRequest page) {
    Dataset dataset = get(scope, null, datasetId);
    return store.examples(scope, dataset.id(), version(dataset, versionId).number(), cleanSplits(splits), page);
  }

  /** Every example of the version, one at a time (exports stream them). */
  public void forEachExample(AccessScope scope, String spaceRef, String datasetRef, String versionRef,
      Collection<String> splits, Consumer<Example> sink) {
    Dataset dataset = get(scope, spaceRef, datasetRef);
    store.forEachExample(scope, dataset.id(), version(dataset, versionRef).number(), cleanSplits(splits), sink);
  }

  // --- the datasets feature ------------------------------------------------------------------------------------

  /** Visible datasets by name; {@code spaceRef} (id or name) narrows to one space. */
  public Page<Dataset> list(AccessScope scope, String spaceRef, String spaceNameContains, String nameContains,
      PageRequest page) {
    String spaceId = spaceRef == null ? null : spaces.get(scope, spaceRef).id();
    return store.list(scope, new DatasetFilter(spaceId, blankToNull(spaceNameContains), blankToNull(nameContains)), page);
  }

  /** Renames and/or re-describes the dataset (null = unchanged, empty description = none). */
  public Dataset update(AccessScope scope, String spaceRef, String datasetRef, String name, String description) {
    if (name == null && description == null) {
      throw new InvalidInputException("nothing to update: give name and/or description");
    }
    return store.update(scope, get(scope, spaceRef, datasetRef).id(), name, description);
  }

  /** Deletes the dataset with every version and example. */
  public void delete(AccessScope scope, String spaceRef, String datasetRef) {
    Dataset dataset = get(scope, spaceRef, datasetRef);
    if (!store.delete(scope, dataset.id())) {
      throw new NotFoundException("dataset '" + datasetRef + "' not found");
    }
  }

  /**
   * Writes new revisions of existing examples (by id) as a new version named {@code versionName}. Ids the latest
   * version does not hold are skipped and reported; when none matches, no version is written.
   */
  public ExampleChangeResult updateExamples(AccessScope scope, String spaceRef, String datasetRef,
      List<ExampleDraft> examples, String versionName) {
    List<ExampleDraft> valid = validate(examples);
    for (int i = 0; i < valid.size(); i++) {
      if (valid.get(i).id() == null) {
        throw new InvalidInputException("examples[" + i + "] needs its id to be updated");
      }
    }
    Dataset dataset = get(scope, spaceRef, datasetRef);
    return store.change(scope, dataset.id(), new ExampleChanges(List.of(), valid, List.of(), versionName, null));
  }

  /** Leaves the examples {@code ids} out of a new version; ids not in the latest version are reported missing. */
  public ExampleChangeResult deleteExamples(AccessScope scope, String spaceRef, String datasetRef, List<String> ids,
      String versionName) {
    if (ids == null || ids.isEmpty()) {
      throw new InvalidInputException("give at least one example id to delete");
    }
    Dataset dataset = get(scope, spaceRef, datasetRef);
    return store.change(scope, dataset.id(), new ExampleChanges(List.of(), List.of(), ids, versionName, null));
  }

  /**
   * Upload semantics: drafts whose id the latest version holds become revisions, the rest are inserted; one new
   * version. A new dataset is created when {@code name} is given instead of {@code datasetRef}.
   */
  public DatasetWrite write(AccessScope scope, String spaceRef, String datasetRef, String name, String description,
      List<ExampleDraft> examples) {
    List<ExampleDraft> valid = validate(examples);
    if ((datasetRef == null) == (name == null)) {
      throw new InvalidInputException("give either a new dataset's name or an existing dataset_id, not both");
    }
    if (name != null) {
      Dataset created = create(scope, spaceRef, name, description, valid);
      return new DatasetWrite(created, created.versions().getFirst(), valid.size(), 0);
    }
    Dataset dataset = get(scope, spaceRef, datasetRef);
    List<String> givenIds = valid.stream().map(ExampleDraft::id).filter(java.util.Objects::nonNull).toList();
    var existing = new java.util.HashSet<>(givenIds.isEmpty() ? List.of()
        : store.existingIds(scope, dataset.id(), dataset.versions().getFirst().number(), givenIds));
    List<ExampleDraft> inserts = valid.stream().filter(d -> d.id() == null || !existing.contains(d.id())).toList();
    List<ExampleDraft> revisions = valid.stream().filter(d -> d.id() != null && existing.contains(d.id())).toList();
    ExampleChangeResult result = store.change(scope, dataset.id(),
        new ExampleChanges(inserts, revisions, List.of(), null, null));
    return new DatasetWrite(get(scope, null, dataset.id()), result.version(), result.insertedIds().size(),
        result.updatedIds().size());
  }

  /** The examples of {@code ids} the version {@code versionRef} (latest when null) holds; others are left out. */
  public List<Example> examplesById(AccessScope scope, String spaceRef, String datasetRef, String versionRef,
      Collection<String> ids) {
    Dataset dataset = get(scope, spaceRef, datasetRef);
    return ids == null || ids.isEmpty() ? List.of()
        : store.examplesById(scope, dataset.id(), version(dataset, versionRef).number(), ids);
  }

  /** The distinct splits of a version's examples. */
  public List<String> splits(AccessScope scope, String spaceRef, String datasetRef, String versionRef) {
    Dataset dataset = get(scope, spaceRef, datasetRef);
    return store.splits(scope, dataset.id(), version(dataset, versionRef).number());
  }

  /** Creates or extends a dataset from a span selection; see {@link FromSpans} and {@link SpanExamples}. */
  public DatasetWrite fromSpans(AccessScope scope, FromSpans request) {
    List<ExampleDraft> drafts = new SpanExamples(spans).drafts(scope, request);
    if (drafts.isEmpty()) {
      throw new InvalidInputException("no spans matched the filter in the time window: nothing to add");
    }
    return write(scope, request.spaceRef(), request.datasetRef(), request.name(), request.description(), drafts);
  }

  /** Streams a version's examples to {@code out} as CSV or JSONL. */
  public void export(AccessScope scope, String spaceRef, String datasetRef, String versionRef, Collection<String> splits,
      UploadFormat format, OutputStream out) {
    DatasetExport.write(this, scope, spaceRef, datasetRef, versionRef, splits, format, out);
  }

  private static List<ExampleDraft> validate(List<ExampleDraft> examples) {
    if (examples == null || examples.isEmpty()) {
      throw new InvalidInputException("give at least one example");
    }
    if (examples.size() > MAX_EXAMPLES_PER_WRITE) {
      throw new InvalidInputException("at most " + MAX_EXAMPLES_PER_WRITE + " examples per write, got " + examples.size());
    }
    List<ExampleDraft> out = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      ExampleDraft d = examples.get(i);
      if (d == null || d.input().isEmpty() && d.output().isEmpty() && d.metadata().isEmpty()) {
        throw new InvalidInputException("examples[" + i + "] is empty: an example needs at least one field");
      }
      String id = d.id() == null || d.id().isBlank() ? null : d.id().strip();
      if (id != null && id.length() > 256) {
        throw new InvalidInputException("examples[" + i + "].id is longer than 256 characters");
      }
      out.add(new ExampleDraft(id, d.input(), d.output(), d.metadata(), cleanSplits(d.splits()), d.sourceSpanId(),
          d.sourceTraceId()));
    }
    return out;
  }

  /** Splits stripped, blank ones dropped, each once, in the given order. */
  static List<String> cleanSplits(Collection<String> splits) {
    if (splits == null) {
      return List.of();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String s : splits) {
      if (s != null && !s.isBlank()) {
        out.add(s.strip());
      }
    }
    return List.copyOf(out);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
