package dev.assay.store;

/**
 * How a dialect bulk-loads a batch into a per-connection staging table before the batching writer
 * moves it into the real tables with {@code INSERT … SELECT … ON CONFLICT DO NOTHING} (the staging
 * step is what makes resent rows idempotent: neither bulk path can skip duplicate keys itself).
 */
public enum BulkLoad {
  /** DuckDB's Appender into a {@code TEMP} table; emptied explicitly at the end of each batch. */
  DUCKDB_APPENDER,
  /** PostgreSQL {@code COPY … FROM STDIN} (text format) into a temporary table {@code ON COMMIT DELETE ROWS}. */
  POSTGRES_COPY
}
