package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetFilter;
import dev.assay.datasets.DatasetStore;
import dev.assay.datasets.DatasetVersion;
import dev.assay.datasets.Example;
import dev.assay.datasets.ExampleChangeResult;
import dev.assay.datasets.ExampleChanges;
import dev.assay.datasets.ExampleDraft;
import dev.assay.shared.AssayException;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link DatasetStore} on the V007 tables: this class holds datasets and versions; example rows (revisions with
 * version ranges, see the migration) are read and written by {@link DatasetExamples}. A dataset is visible when its
 * space is.
 */
final class JdbcDatasetStore implements DatasetStore {
  private static final int MAX_CHANGE_ATTEMPTS = 20;
  /** The dataset row with its latest version's example count. */
  private static final String WITH_COUNT = "(SELECT d.id, d.space_id, d.name, d.description, d.latest_version,"
      + " d.created_at, d.updated_at, v.example_count FROM datasets d"
      + " JOIN dataset_versions v ON v.dataset_id = d.id AND v.number = d.latest_version) ds";
  private static final String COLUMNS = DatasetRows.COLUMNS + ", example_count";

  private final Jdbi jdbi;
  private final Clock clock;
  private final DatasetExamples examples;

  JdbcDatasetStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.examples = new DatasetExamples(jdbi, dialect, clock);
  }

  @Override
  public Dataset create(AccessScope scope, String spaceId, String name, String description, List<ExampleDraft> drafts) {
    String validName = Names.require("dataset name", name);
    boolean visible = spaceId != null && scope.allows(spaceId) && jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM spaces WHERE id = :id").bind("id", spaceId).mapTo(Long.class).one()) > 0;
    if (!visible) {
      throw new NotFoundException("space " + spaceId + " not found");
    }
    long now = Times.nowMicros(clock);
    String id = Ids.newId(clock);
    try {
      jdbi.useTransaction(h -> {
        h.createUpdate("INSERT INTO datasets (" + DatasetRows.COLUMNS + ")"
                + " VALUES (:id, :space_id, :name, :description, 1, :now, :now)")
            .bind("id", id).bind("space_id", spaceId).bind("name", validName)
            .bind("description", blankToNull(description)).bind("now", now).execute();
        List<String> ids = examples.insert(h, id, 1, drafts, now);
        insertVersion(h, id, 1, null, null, ids.size(), now);
      });
    } catch (AssayException e) {
      throw e;
    } catch (RuntimeException e) {
      if (findByName(scope, spaceId, validName).isPresent()) {
        throw new ConflictException("a dataset named '" + validName + "' already exists in this space");
      }
      throw e;
    }
    return findById(scope, id).orElseThrow();
  }

  @Override
  public Optional<Dataset> findById(AccessScope scope, String id) {
    return id == null ? Optional.empty() : find(scope, "id = :key", id, null);
  }

  @Override
  public Optional<Dataset> findByName(AccessScope scope, String spaceId, String name) {
    return spaceId == null || name == null ? Optional.empty() : find(scope, "name = :key", name.strip(), spaceId);
  }

  private Optional<Dataset> find(AccessScope scope, String predicate, String key, String spaceId) {
    String sql = "SELECT " + COLUMNS + " FROM " + WITH_COUNT + " WHERE " + predicate
        + (spaceId == null ? "" : " AND space_id = :space_id") + " AND " + ScopeSql.spaceClause(scope, "space_id");
    return jdbi.withHandle(h -> {
      var q = ScopeSql.bind(h.createQuery(sql), scope).bind("key", key);
      if (spaceId != null) {
        q.bind("space_id", spaceId);
      }
      return q.map((rs, ctx) -> DatasetRows.dataset(rs, List.of())).findOne().map(d -> new Dataset(d.id(), d.spaceId(),
          d.name(), d.description(), d.createdAt(), d.updatedAt(), h.createQuery("SELECT " + DatasetRows.VERSION_COLUMNS
                  + " FROM dataset_versions WHERE dataset_id = :id ORDER BY number DESC")
              .bind("id", d.id()).map((rs, ctx) -> DatasetRows.version(rs)).list(), d.exampleCount()));
    });
  }

  @Override
  public Page<Dataset> list(AccessScope scope, DatasetFilter filter, PageRequest page) {
    DatasetFilter f = filter == null ? DatasetFilter.ALL : filter;
    return NamedInSpaceList.list(jdbi, WITH_COUNT, COLUMNS, scope,
        new NamedInSpaceList.Filter(f.spaceId(), f.spaceNameContains(), f.nameContains()), page,
        (rs, ctx) -> DatasetRows.dataset(rs, List.of()), Dataset::name, Dataset::id);
  }

  @Override
  public Dataset update(AccessScope scope, String id, String name, String description) {
    Dataset current = findById(scope, id).orElseThrow(() -> new NotFoundException("dataset " + id + " not found"));
    String newName = name == null ? current.name() : Names.require("dataset name", name);
    String newDescription = description == null ? current.description() : blankToNull(description);
    try {
      jdbi.useHandle(h -> h.createUpdate("UPDATE datasets SET name = :name, description = :description,"
              + " updated_at = :now WHERE id = :id")
          .bind("name", newName).bind("description", newDescription).bind("now", Times.nowMicros(clock))
          .bind("id", current.id()).execute());
    } catch (RuntimeException e) {
      Optional<Dataset> holder = findByName(scope, current.spaceId(), newName);
      if (holder.isPresent() && !holder.get().id().equals(current.id())) {
        throw new ConflictException("a dataset named '" + newName + "' already exists in this space");
      }
      throw e;
    }
    return findById(scope, current.id()).orElseThrow(() -> new NotFoundException("dataset " + id + " not found"));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    if (id == null) {
      return false;
    }
    return jdbi.inTransaction(h -> {
      boolean visible = ScopeSql.bind(h.createQuery("SELECT count(*) FROM datasets WHERE id = :id AND "
          + ScopeSql.spaceClause(scope, "space_id")), scope).bind("id", id).mapTo(Long.class).one() > 0;
      if (!visible) {
        return false;
      }
      deleteRows(h, "dataset_id = :id", id);
      return h.createUpdate("DELETE FROM datasets WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  /** Deletes the datasets of a space that is being deleted, inside the caller's transaction. */
  static void deleteInSpace(Handle h, String spaceId) {
    deleteRows(h, "dataset_id IN (SELECT id FROM datasets WHERE space_id = :id)", spaceId);
    h.createUpdate("DELETE FROM datasets WHERE space_id = :id").bind("id", spaceId).execute();
  }

  private static void deleteRows(Handle h, String predicate, String id) {
    for (String table : List.of("dataset_example_splits", "dataset_examples", "dataset_versions")) {
      h.createUpdate("DELETE FROM " + table + " WHERE " + predicate).bind("id", id).execute();
    }
  }

  @Override
  public Optional<DatasetVersion> findVersion(AccessScope scope, String datasetId, String versionRef) {
    Optional<Dataset> dataset = findById(scope, datasetId);
    if (dataset.isEmpty() || dataset.get().versions().isEmpty()) {
      return Optional.empty();
    }
    if (versionRef == null) {
      return Optional.of(dataset.get().versions().getFirst());
    }
    return dataset.get().versions().stream()
        .filter(v -> v.id().equals(versionRef) || versionRef.equals(v.name())).findFirst();
  }

  @Override
  public ExampleChangeResult change(AccessScope scope, String datasetId, ExampleChanges changes) {
    Dataset dataset = findById(scope, datasetId).orElseThrow(() -> new NotFoundException("dataset " + datasetId + " not found"));
    for (int attempt = 1; ; attempt++) {
      try {
        return tryChange(dataset, changes);
      } catch (AssayException e) {
        throw e;
      } catch (RuntimeException e) {
        if (changes.versionName() != null && examples.versionNameTaken(dataset.id(), changes.versionName())) {
          throw new ConflictException("dataset version '" + changes.versionName() + "' already exists");
        }
        // DuckDB fails the later of two concurrent changes of one dataset (a write-write conflict on its row); the
        // retry reads the new latest version. PostgreSQL queues them on the row lock and never gets here.
        if (attempt >= MAX_CHANGE_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private ExampleChangeResult tryChange(Dataset dataset, ExampleChanges changes) {
    try {
      return jdbi.inTransaction(h -> {
        long now = Times.nowMicros(clock);
        // The bump comes first: on PostgreSQL it locks the dataset row, so concurrent changes queue here.
        h.createUpdate("UPDATE datasets SET latest_version = latest_version + 1, updated_at = :now WHERE id = :id")
            .bind("now", now).bind("id", dataset.id()).execute();
        int next = h.createQuery("SELECT latest_version FROM datasets WHERE id = :id").bind("id", dataset.id())
            .mapTo(Integer.class).one();
        long previousCount = h.createQuery("SELECT example_count FROM dataset_versions WHERE dataset_id = :id AND number = :n")
            .bind("id", dataset.id()).bind("n", next - 1).mapTo(Long.class).one();
        DatasetExamples.Applied applied = examples.apply(h, dataset.id(), next, changes, now);
        if (!applied.changed()) {
          throw new NothingChanged(applied);
        }
        String versionId = insertVersion(h, dataset.id(), next, changes.versionName(), changes.versionDescription(),
            previousCount + applied.inserted().size() - applied.deleted().size(), now);
        DatasetVersion version = h.createQuery("SELECT " + DatasetRows.VERSION_COLUMNS + " FROM dataset_versions WHERE id = :id")
            .bind("id", versionId).map((rs, ctx) -> DatasetRows.version(rs)).one();
        return new ExampleChangeResult(version, true, applied.inserted(), applied.updated(), applied.deleted(),
            applied.missing());
      });
    } catch (NothingChanged e) {
      DatasetExamples.Applied applied = e.applied;
      DatasetVersion latest = findVersion(AccessScope.unrestricted(), dataset.id(), null).orElseThrow();
      return new ExampleChangeResult(latest, false, List.of(), List.of(), List.of(), applied.missing());
    }
  }

  /** Rolls back a change that changed nothing (every id missing), so no empty version is written. */
  private static final class NothingChanged extends RuntimeException {
    private final transient DatasetExamples.Applied applied;

    NothingChanged(DatasetExamples.Applied applied) {
      super(null, null, false, false);
      this.applied = applied;
    }
  }

  private String insertVersion(Handle h, String datasetId, int number, String name, String description, long count,
      long now) {
    String id = Ids.newId(clock);
    h.createUpdate("INSERT INTO dataset_versions (" + DatasetRows.VERSION_COLUMNS + ")"
            + " VALUES (:id, :dataset_id, :number, :name, :description, :count, :now)")
        .bind("id", id).bind("dataset_id", datasetId).bind("number", number)
        .bind("name", name == null || name.isBlank() ? "v" + number : Names.require("version name", name))
        .bind("description", blankToNull(description)).bind("count", count).bind("now", now).execute();
    return id;
  }

  @Override
  public Page<Example> examples(AccessScope scope, String datasetId, int number, Collection<String> splits,
      PageRequest page) {
    requireVisible(scope, datasetId);
    return examples.page(datasetId, number, splits, page);
  }

  @Override
  public void forEachExample(AccessScope scope, String datasetId, int number, Collection<String> splits,
      Consumer<Example> sink) {
    requireVisible(scope, datasetId);
    examples.forEach(datasetId, number, splits, sink);
  }

  @Override
  public List<Example> examplesById(AccessScope scope, String datasetId, int number, Collection<String> ids) {
    requireVisible(scope, datasetId);
    return examples.byIds(datasetId, number, ids);
  }

  @Override
  public List<String> existingIds(AccessScope scope, String datasetId, int number, Collection<String> ids) {
    requireVisible(scope, datasetId);
    return jdbi.withHandle(h -> List.copyOf(examples.current(h, datasetId, number, ids).keySet()));
  }

  @Override
  public List<String> splits(AccessScope scope, String datasetId, int number) {
    requireVisible(scope, datasetId);
    return examples.splits(datasetId, number);
  }

  private void requireVisible(AccessScope scope, String datasetId) {
    boolean visible = datasetId != null && jdbi.withHandle(h -> ScopeSql.bind(h.createQuery("SELECT count(*) FROM datasets"
        + " WHERE id = :id AND " + ScopeSql.spaceClause(scope, "space_id")), scope).bind("id", datasetId)
        .mapTo(Long.class).one()) > 0;
    if (!visible) {
      throw new NotFoundException("dataset " + datasetId + " not found");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
