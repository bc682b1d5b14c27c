package dev.assay.bench;

import dev.assay.store.Database;
import dev.assay.traces.Span;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jdbi.v3.core.Handle;

/**
 * What DuckDB itself sustains on this machine for the same rows: one thread appending the spans
 * straight into {@code spans} (its primary key included) with the Appender, {@code rowsPerCommit} per
 * transaction, with no staging, no duplicate handling, no roll-ups and no queue. The writer cannot beat
 * this; the gap to it is the writer's own cost.
 */
final class DuckDbCeiling {
  private DuckDbCeiling() {}

  static double rowsPerSecond(Database database, WriterScenario scenario, int rowsPerCommit, Duration warmUp, Duration measure)
      throws SQLException {
    try (Handle handle = database.jdbi().open()) {
      Connection c = handle.getConnection();
      c.setAutoCommit(false);
      long start = System.nanoTime();
      long measureFrom = start + warmUp.toNanos();
      long end = measureFrom + measure.toNanos();
      long rows = 0;
      long measuredFrom = 0;
      while (System.nanoTime() < end) {
        boolean measuring = System.nanoTime() >= measureFrom;
        if (measuring && measuredFrom == 0) {
          measuredFrom = System.nanoTime();
        }
        List<Span> spans = scenario.spans("ceiling", rowsPerCommit);
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1"); // the driver begins the transaction at the first statement; an Appender alone would autocommit
        }
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "spans")) {
          for (Span s : spans) {
            a.beginRow();
            a.append(s.projectId()).append(s.traceId()).append(s.spanId()).append(s.parentId()).append(s.name()).append(s.spanKind())
                .append(s.startTime()).append(s.endTime()).append(s.latencyMs()).append(s.statusCode()).append(s.statusMessage())
                .append(s.inputValue()).append(s.inputMimeType()).append(s.outputValue()).append(s.outputMimeType())
                .append(s.modelName()).append(s.modelProvider()).append(s.promptTokens()).append(s.completionTokens())
                .append(s.totalTokens()).append(s.costTotal()).append(s.sessionId()).append(s.userId()).append(s.attributesJson())
                .append(s.eventsJson()).append(0L);
            a.endRow();
          }
        }
        c.commit();
        if (measuring) {
          rows += spans.size();
        }
      }
      c.setAutoCommit(true); // everything is committed; tells Jdbi no transaction is left open
      return measuredFrom == 0 ? 0 : rows / ((System.nanoTime() - measuredFrom) / 1e9);
    }
  }
}
