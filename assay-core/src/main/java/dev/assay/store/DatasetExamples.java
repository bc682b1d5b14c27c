package dev.assay.store;

import dev.assay.datasets.Example;
import dev.assay.datasets.ExampleChanges;
import dev.assay.datasets.ExampleDraft;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Cursors;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The example rows of V007: revisions carrying the version range [valid_from, valid_to) they belong to. Version
 * {@code n} is the rows with {@code valid_from <= n AND (valid_to IS NULL OR valid_to > n)}; a change closes the
 * ranges of the revisions it replaces or deletes at the new version number and inserts new revisions from it.
 */
final class DatasetExamples {
  private static final int ID_CHUNK = 1000;
  private static final int ROWS_PER_INSERT = 200;
  private static final String IN_VERSION = "e.dataset_id = :dataset_id AND e.valid_from <= :number"
      + " AND (e.valid_to IS NULL OR e.valid_to > :number)";

  private final Jdbi jdbi;
  private final Clock clock;
  private final String columns;

  DatasetExamples(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.columns = DatasetRows.EXAMPLE_COLUMNS;
  }

  /** What {@link #apply} did. */
  record Applied(List<String> inserted, List<String> updated, List<String> deleted, List<String> missing) {
    boolean changed() {
      return !inserted.isEmpty() || !updated.isEmpty() || !deleted.isEmpty();
    }
  }

  /** The current revision of an example in a version. */
  record Current(String revisionId, long createdAt, String sourceSpanId, String sourceTraceId) {}

  /** Inserts new examples into version {@code number}; returns their ids in order. */
  List<String> insert(Handle h, String datasetId, int number, List<ExampleDraft> drafts, long now) {
    List<String> ids = new ArrayList<>(drafts.size());
    Set<String> seen = new HashSet<>();
    List<Row> rows = new ArrayList<>(drafts.size());
    // Examples are listed by (created_at, id); one microsecond apart per draft keeps a batch in its given order, and
    // starting after the dataset's newest example keeps a quick second batch after the first.
    long start = Math.max(now, 1 + h.createQuery("SELECT coalesce(max(created_at), 0) FROM dataset_examples"
        + " WHERE dataset_id = :d").bind("d", datasetId).mapTo(Long.class).one());
    for (ExampleDraft d : drafts) {
      String id = d.id() == null ? Ids.newId(clock) : d.id();
      if (!seen.add(id)) {
        throw new InvalidInputException("example id '" + id + "' appears more than once");
      }
      ids.add(id);
      rows.add(new Row(id, d, start + rows.size(), d.sourceSpanId(), d.sourceTraceId()));
    }
    write(h, datasetId, number, rows, now);
    return ids;
  }

  private record Row(String exampleId, ExampleDraft draft, long createdAt, String spanId, String traceId) {}

  private void write(Handle h, String datasetId, int number, List<Row> rows, long now) {
    List<Object[]> examples = new ArrayList<>(rows.size());
    List<Object[]> splits = new ArrayList<>();
    for (Row r : rows) {
      String revisionId = Ids.newId(clock);
      examples.add(new Object[] {revisionId, datasetId, r.exampleId(), number, DatasetRows.write(r.draft().input()),
          DatasetRows.write(r.draft().output()), DatasetRows.write(r.draft().metadata()),
          DatasetRows.write(r.draft().splits()), r.spanId(), r.traceId(), r.createdAt(), now});
      for (String split : new java.util.LinkedHashSet<>(r.draft().splits())) {
        splits.add(new Object[] {revisionId, datasetId, split});
      }
    }
    insertRows(h, "dataset_examples (revision_id, dataset_id, example_id, valid_from, input, output, metadata, splits,"
        + " source_span_id, source_trace_id, created_at, updated_at)", 12, examples);
    insertRows(h, "dataset_example_splits (revision_id, dataset_id, split)", 3, splits);
  }

  /**
   * Multi-row INSERTs of {@link #ROWS_PER_INSERT} rows each: DuckDB runs a JDBC batch one statement per row, which
   * made a 10 000-example upload take seconds; one statement per few hundred rows is an order of magnitude faster on
   * both databases. Every value is a bound parameter.
   */
  private static void insertRows(Handle h, String tableAndColumns, int width, List<Object[]> rows) {
    String tuple = "(" + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")";
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
      var update = h.createUpdate("INSERT INTO " + tableAndColumns + " VALUES "
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), tuple)));
      int position = 0;
      for (Object[] row : chunk) {
        for (Object value : row) {
          update.bind(position++, value);
        }
      }
      update.execute();
    }
  }

  /** Applies a change as version {@code next}, reading the examples of version {@code next - 1}. */
  Applied apply(Handle h, String datasetId, int next, ExampleChanges changes, long now) {
    Set<String> referenced = new HashSet<>();
    changes.inserts().stream().map(ExampleDraft::id).filter(java.util.Objects::nonNull).forEach(referenced::add);
    Set<String> revised = new HashSet<>();
    for (ExampleDraft d : changes.revisions()) {
      if (d.id() == null || !revised.add(d.id())) {
        throw new InvalidInputException(d.id() == null ? "every updated example needs its id"
            : "example id '" + d.id() + "' is updated more than once");
      }
    }
    Set<String> deleted = new HashSet<>();
    for (String id : changes.deletes()) {
      if (id == null || id.isBlank() || !deleted.add(id)) {
        throw new InvalidInputException(id == null || id.isBlank() ? "example ids must not be empty"
            : "example id '" + id + "' is deleted more than once");
      }
      if (revised.contains(id)) {
        throw new InvalidInputException("example id '" + id + "' is both updated and deleted");
      }
    }
    referenced.addAll(revised);
    referenced.addAll(deleted);
    Map<String, Current> current = current(h, datasetId, next - 1, referenced);
    for (ExampleDraft d : changes.inserts()) {
      if (d.id() != null && current.containsKey(d.id())) {
        throw new ConflictException("example id '" + d.id() + "' already exists in the dataset");
      }
    }
    List<String> missing = new ArrayList<>();
    List<String> updatedIds = new ArrayList<>();
    List<String> deletedIds = new ArrayList<>();
    List<String> closing = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (ExampleDraft d : changes.revisions()) {
      Current c = current.get(d.id());
      if (c == null) {
        missing.add(d.id());
        continue;
      }
      updatedIds.add(d.id());
      closing.add(c.revisionId());
      // A revision keeps the example's creation time (its place in the order) and, unless it names new ones, its source.
      rows.add(new Row(d.id(), d, c.createdAt(), d.sourceSpanId() == null ? c.sourceSpanId() : d.sourceSpanId(),
          d.sourceSpanId() == null ? c.sourceTraceId() : d.sourceTraceId()));
    }
    for (String id : changes.deletes()) {
      Current c = current.get(id);
      if (c == null) {
        missing.add(id);
      } else {
        deletedIds.add(id);
        closing.add(c.revisionId());
      }
    }
    for (List<String> chunk : chunks(closing)) {
      h.createUpdate("UPDATE dataset_examples SET valid_to = :next WHERE revision_id IN (<ids>)")
          .bind("next", next).bindList("ids", chunk).execute();
    }
    write(h, datasetId, next, rows, now);
    List<String> inserted = insert(h, datasetId, next, changes.inserts(), now);
    return new Applied(inserted, updatedIds, deletedIds, missing);
  }

  /** Of {@code ids}, those version {@code number} holds, with their current revision. */
  Map<String, Current> current(Handle h, String datasetId, int number, Collection<String> ids) {
    Map<String, Current> found = new LinkedHashMap<>();
    for (List<String> chunk : chunks(List.copyOf(ids))) {
      h.createQuery("SELECT e.example_id, e.revision_id, e.created_at, e.source_span_id, e.source_trace_id"
              + " FROM dataset_examples e WHERE " + IN_VERSION + " AND e.example_id IN (<ids>)")
          .bind("dataset_id", datasetId).bind("number", number).bindList("ids", chunk)
          .map((rs, ctx) -> Map.entry(rs.getString("example_id"), new Current(rs.getString("revision_id"),
              rs.getLong("created_at"), rs.getString("source_span_id"), rs.getString("source_trace_id"))))
          .forEach(e -> found.put(e.getKey(), e.getValue()));
    }
    return found;
  }

  Page<Example> page(String datasetId, int number, Collection<String> splits, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    long afterCreated;
    try {
      afterCreated = after == null ? 0 : Long.parseLong(after[0]);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid pagination cursor");
    }
    String sql = select(splits)
        + (after == null ? "" : " AND (e.created_at > :after_created OR (e.created_at = :after_created AND e.example_id > :after_id))")
        + " ORDER BY e.created_at, e.example_id LIMIT :limit";
    List<Example> rows = jdbi.withHandle(h -> {
      Query q = bind(h.createQuery(sql), datasetId, number, splits).bind("limit", page.limit() + 1);
      if (after != null) {
        q.bind("after_created", afterCreated).bind("after_id", after[1]);
      }
      return q.map((rs, ctx) -> DatasetRows.example(rs)).list();
    });
    return Pages.of(rows, page.limit(), e -> Cursors.encode(Long.toString(dev.assay.shared.Times.micros(e.createdAt())), e.id()));
  }

  List<Example> byIds(String datasetId, int number, Collection<String> ids) {
    List<Example> out = new ArrayList<>();
    jdbi.useHandle(h -> {
      for (List<String> chunk : chunks(List.copyOf(new java.util.LinkedHashSet<>(ids)))) {
        out.addAll(bind(h.createQuery(select(List.of()) + " AND e.example_id IN (<ids>)"), datasetId, number, List.of())
            .bindList("ids", chunk).map((rs, ctx) -> DatasetRows.example(rs)).list());
      }
    });
    out.sort(java.util.Comparator.comparing(Example::createdAt).thenComparing(Example::id));
    return out;
  }

  void forEach(String datasetId, int number, Collection<String> splits, Consumer<Example> sink) {
    String sql = select(splits) + " ORDER BY e.created_at, e.example_id";
    jdbi.useHandle(h -> bind(h.createQuery(sql), datasetId, number, splits).map((rs, ctx) -> DatasetRows.example(rs))
        .useStream(s -> s.forEach(sink)));
  }

  List<String> splits(String datasetId, int number) {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT s.split FROM dataset_example_splits s JOIN dataset_examples e"
            + " ON e.revision_id = s.revision_id WHERE " + IN_VERSION + " ORDER BY s.split")
        .bind("dataset_id", datasetId).bind("number", number).mapTo(String.class).list());
  }

  boolean versionNameTaken(String datasetId, String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM dataset_versions WHERE dataset_id = :d AND name = :n")
        .bind("d", datasetId).bind("n", name.strip()).mapTo(Long.class).one()) > 0;
  }

  private String select(Collection<String> splits) {
    return "SELECT " + columns + " FROM dataset_examples e WHERE " + IN_VERSION
        + (splits == null || splits.isEmpty() ? "" : " AND EXISTS (SELECT 1 FROM dataset_example_splits s"
            + " WHERE s.revision_id = e.revision_id AND s.split IN (<splits>))");
  }

  private static Query bind(Query q, String datasetId, int number, Collection<String> splits) {
    q.bind("dataset_id", datasetId).bind("number", number);
    if (splits != null && !splits.isEmpty()) {
      q.bindList("splits", List.copyOf(splits));
    }
    return q;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += ID_CHUNK) {
      out.add(ids.subList(i, Math.min(ids.size(), i + ID_CHUNK)));
    }
    return out;
  }
}
