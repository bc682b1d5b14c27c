package dev.assay.store;

import dev.assay.eval.Evaluation;
import dev.assay.shared.Ids;
import dev.assay.traces.Span;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the feedback that newly inserted spans carried inline ({@link Span#inlineFeedback()}) as evaluation
 * results, inside the span writer's transaction, so a span and its feedback commit together.
 *
 * <p>Only spans the batch actually inserted contribute: a resent span is skipped with its feedback, so a
 * resend changes nothing. Results are upserted by their key (project, target kind, target id, name,
 * identifier); when several spans carry the same trace or session result, the later one (batch order, then
 * later batches) replaces the earlier, keeping the row's id and creation time. A plain JDBC batch rather than
 * a staging table: almost no batch has feedback, and then this costs nothing.
 */
final class InlineResults {
  private record Key(String projectId, Evaluation.TargetKind kind, String targetId, String name, String identifier) {
    static Key of(Evaluation e) {
      return new Key(e.projectId(), e.targetKind(), e.targetId(), e.name(), e.identifier());
    }
  }

  private static final Comparator<Key> ORDER = Comparator.comparing(Key::projectId).thenComparing(k -> k.kind().name())
      .thenComparing(Key::targetId).thenComparing(Key::name).thenComparing(Key::identifier);

  private final Clock clock;
  private final String upsert;

  InlineResults(Dialect dialect, Clock clock) {
    this.clock = clock;
    this.upsert = """
        INSERT INTO evaluations (id, project_id, target_kind, target_id, name, identifier, label, score, explanation,
            annotator_kind, source, metadata, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s, ?, ?)
        ON CONFLICT (project_id, target_kind, target_id, name, identifier) DO UPDATE SET
            evaluator_id = NULL, evaluator_version = NULL, label = excluded.label, score = excluded.score,
            explanation = excluded.explanation, annotator_kind = excluded.annotator_kind, source = excluded.source,
            metadata = excluded.metadata, run_id = NULL, error = NULL, updated_at = excluded.updated_at"""
        .formatted(dialect.jsonFromText("?"));
  }

  /** Upserts the inline results of {@code inserted}; does nothing (no statement) when there are none. */
  void write(StagingArea area, List<Span> inserted, long now) throws SQLException {
    Map<Key, Evaluation> results = null;
    for (Span s : inserted) {
      if (s.inlineFeedback().isEmpty()) {
        continue;
      }
      if (results == null) {
        results = new LinkedHashMap<>();
      }
      for (Evaluation e : s.inlineFeedback()) {
        Key key = Key.of(e);
        results.put(key, e); // the later one wins
      }
    }
    if (results == null) {
      return;
    }
    PreparedStatement statement = area.statement(upsert);
    // Key order, as the roll-up upserts do, so concurrent PostgreSQL writers lock rows in one order.
    for (Key key : results.keySet().stream().sorted(ORDER).toList()) {
      Evaluation e = results.get(key);
      statement.setString(1, Ids.newId(clock));
      statement.setString(2, e.projectId());
      statement.setString(3, e.targetKind().name());
      statement.setString(4, e.targetId());
      statement.setString(5, e.name());
      statement.setString(6, e.identifier());
      statement.setString(7, e.label());
      if (e.score() == null) {
        statement.setNull(8, Types.DOUBLE);
      } else {
        statement.setDouble(8, e.score());
      }
      statement.setString(9, e.explanation());
      statement.setString(10, e.annotatorKind().name());
      statement.setString(11, e.source().name());
      statement.setString(12, e.metadataJson());
      statement.setLong(13, now);
      statement.setLong(14, now);
      statement.addBatch();
    }
    statement.executeBatch();
  }
}
