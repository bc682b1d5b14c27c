package dev.assay.store;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jdbi.v3.core.Handle;

/**
 * DuckDB: a {@code TEMP} table (in memory, never in the WAL) filled with the Appender, which writes
 * column vectors directly instead of binding statements row by row.
 *
 * <p>DuckDB's JDBC driver begins a transaction lazily, at the first statement after
 * {@code setAutoCommit(false)}, and an Appender is not a statement: opened first, it appends (and
 * commits) on its own, outside the transaction. Here the {@link #resetSql() DELETE} that empties the
 * table at the start of each batch is that first statement, so the Appender works inside the
 * transaction and a rollback drops what it appended.
 */
final class AppenderStagingTable extends StagingTable {

  AppenderStagingTable(String name, List<Column> columns) {
    super(name, columns);
  }

  @Override
  String createSql() {
    return "CREATE TEMP TABLE IF NOT EXISTS " + name() + " ("
        + columns().stream().map(c -> c.name() + " " + type(c.type())).collect(Collectors.joining(", ")) + ")";
  }

  private static String type(Type type) {
    return switch (type) {
      case TEXT -> "VARCHAR";
      case BIGINT -> "BIGINT";
      case DOUBLE -> "DOUBLE";
    };
  }

  @Override
  String resetSql() {
    return "DELETE FROM " + name();
  }

  @Override
  <T> void load(Handle handle, List<T> rows, Encoder<T> encoder) throws SQLException {
    DuckDBConnection connection = handle.getConnection().unwrap(DuckDBConnection.class);
    try (DuckDBAppender appender = connection.createAppender("temp", "main", name())) {
      RowWriter out = rowWriter(appender);
      for (T row : rows) {
        appender.beginRow();
        encoder.encode(row, out);
        appender.endRow();
      }
    } // close() flushes into the table
  }

  /** Appends each value to the current row; a null appends NULL. */
  private static RowWriter rowWriter(DuckDBAppender appender) {
    return new RowWriter() {
      @Override
      public void text(String value) throws SQLException {
        appender.append(value);
      }

      @Override
      public void bigint(Long value) throws SQLException {
        appender.append(value);
      }

      @Override
      public void float8(Double value) throws SQLException {
        appender.append(value);
      }
    };
  }
}
