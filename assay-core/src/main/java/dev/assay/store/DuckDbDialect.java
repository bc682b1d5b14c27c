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

  /** A JSON Pointer bound as a parameter: it needs no quoting of dots or quotes, only {@code ~0} and {@code ~1}. */
  @Override
  public String jsonTextAt(String column, String keyBind) {
    return "json_extract_string(" + column + ", :" + keyBind + ")";
  }

  @Override
  public String jsonKeyParameter(String key) {
    return "/" + key.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public String tryCastDouble(String textExpression) {
    return "TRY_CAST(" + textExpression + " AS DOUBLE)";
  }

  @Override
  public String toString() {
    return name();
  }
}
