package dev.assay.store;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * A temporary table, private to the connection, that one batch is bulk-loaded into inside the
 * writer's transaction before {@code INSERT … SELECT … ON CONFLICT} moves it into a real table.
 * {@link StagingArea} creates it and empties it between batches. Made per dialect by {@link #create}.
 */
abstract sealed class StagingTable permits AppenderStagingTable, CopyStagingTable {

  /** Column types a staging table needs; JSON travels as text and is cast on the way out. */
  enum Type { TEXT, BIGINT, DOUBLE }

  record Column(String name, Type type) {
    static Column text(String name) {
      return new Column(name, Type.TEXT);
    }

    static Column bigint(String name) {
      return new Column(name, Type.BIGINT);
    }

    static Column float8(String name) {
      return new Column(name, Type.DOUBLE);
    }
  }

  /** Receives one row's values in column order. */
  interface RowWriter {
    void text(String value) throws SQLException;

    void bigint(Long value) throws SQLException;

    void float8(Double value) throws SQLException;
  }

  /** Writes one row's values in column order. */
  @FunctionalInterface
  interface Encoder<T> {
    void encode(T row, RowWriter out) throws SQLException;
  }

  private final String name;
  private final List<Column> columns;

  StagingTable(String name, List<Column> columns) {
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  static StagingTable create(Dialect dialect, String name, List<Column> columns) {
    return switch (dialect.bulkLoad()) {
      case DUCKDB_APPENDER -> new AppenderStagingTable(name, columns);
      case POSTGRES_COPY -> new CopyStagingTable(name, columns);
    };
  }

  String name() {
    return name;
  }

  List<Column> columns() {
    return columns;
  }

  /** The column names, comma-separated, for {@code SELECT} lists. */
  String columnList() {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  /** Bulk-loads the rows; the table must exist and be empty ({@link StagingArea#begin}). */
  abstract <T> void load(Handle handle, List<T> rows, Encoder<T> encoder) throws Exception;

  /** {@code CREATE TEMP TABLE IF NOT EXISTS …}. */
  abstract String createSql();

  /** The statement that empties the table before a batch, or null when the dialect empties it at commit. */
  abstract String resetSql();
}
