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
  public String toString() {
    return name();
  }
}
