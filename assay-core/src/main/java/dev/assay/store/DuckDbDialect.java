package dev.assay.store;

/** DuckDB: embedded, one owning process, optimistic concurrency between in-process transactions. */
public final class DuckDbDialect implements Dialect {
  public static final DuckDbDialect INSTANCE = new DuckDbDialect();

  private DuckDbDialect() {}

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public String jsonParam(String bindName) {
    return "CAST(:" + bindName + " AS JSON)";
  }

  @Override
  public String jsonText(String column) {
    return "CAST(" + column + " AS VARCHAR)";
  }

  @Override
  public boolean singleProcess() {
    return true;
  }

  @Override
  public boolean supportsSkipLocked() {
    return false;
  }

  @Override
  public BulkLoad bulkLoad() {
    return BulkLoad.DUCKDB_APPENDER;
  }

  @Override
  public String jsonFromText(String expression) {
    return "CAST(" + expression + " AS JSON)";
  }

  @Override
  public String toString() {
    return name();
  }
}
