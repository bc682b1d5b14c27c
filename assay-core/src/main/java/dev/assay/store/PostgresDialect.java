package dev.assay.store;

/** PostgreSQL: shared by any number of replicas; row locks with SKIP LOCKED coordinate them. */
public final class PostgresDialect implements Dialect {
  public static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public String jsonParam(String bindName) {
    return "CAST(:" + bindName + " AS JSONB)";
  }

  @Override
  public String jsonText(String column) {
    return "CAST(" + column + " AS TEXT)";
  }

  @Override
  public boolean singleProcess() {
    return false;
  }

  @Override
  public boolean supportsSkipLocked() {
    return true;
  }

  @Override
  public BulkLoad bulkLoad() {
    return BulkLoad.POSTGRES_COPY;
  }

  @Override
  public String jsonFromText(String expression) {
    return "CAST(" + expression + " AS JSONB)";
  }

  @Override
  public String jsonTextAt(String column, String keyBind) {
    return "(" + column + " ->> CAST(:" + keyBind + " AS TEXT))";
  }

  @Override
  public String jsonKeyParameter(String key) {
    return key;
  }

  /**
   * PostgreSQL 15 has no TRY_CAST (and {@code pg_input_is_valid} is 16+), so only text shaped like a number
   * is cast; at most 200 integer digits and a two-digit exponent keep the cast inside double precision.
   */
  @Override
  public String tryCastDouble(String textExpression) {
    return "(CASE WHEN " + textExpression + " ~ '^\\s*[-+]{0,1}(\\d{1,200}(\\.\\d*){0,1}|\\.\\d+)([eE][-+]{0,1}\\d{1,2}){0,1}\\s*$'"
        + " THEN CAST(" + textExpression + " AS DOUBLE PRECISION) END)";
  }

  @Override
  public String toString() {
    return name();
  }
}
