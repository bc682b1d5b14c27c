package dev.assay.store;

/**
 * Everything that differs between the two databases, as capability methods (in the manner of
 * db-scheduler's {@code JdbcCustomization}); SQL elsewhere is written once against this.
 */
public sealed interface Dialect permits DuckDbDialect, PostgresDialect {

  /** Short name; also the folder of this dialect's migrations under {@code db/migration/}. */
  String name();

  /** SQL expression turning a bound JSON text parameter {@code :name} into the JSON column type. */
  String jsonParam(String bindName);

  /** SQL expression reading a JSON column back as text. */
  String jsonText(String column);

  /**
   * True when one process owns the database file (DuckDB). Work-queue claims are then coordinated
   * in-process instead of with row locks, and a second process must go through the server's API.
   */
  boolean singleProcess();

  /** True when {@code FOR UPDATE SKIP LOCKED} is available for claiming rows across processes. */
  boolean supportsSkipLocked();

  /** How the batching writer bulk-loads rows into its staging tables. */
  BulkLoad bulkLoad();

  /** SQL expression converting a text expression (e.g. a staging column) to the JSON column type; invalid JSON fails the statement. */
  String jsonFromText(String expression);

  /**
   * SQL expression: the value at one top-level key of a JSON object column as text (numbers and booleans
   * spelled as JSON spells them), NULL when the key is missing or holds JSON null. The key is never
   * written into SQL: {@code :keyBind} must be bound to {@link #jsonKeyParameter(String)} of it.
   */
  String jsonTextAt(String column, String keyBind);

  /** The value to bind for {@link #jsonTextAt}'s key parameter: any key, dots and quotes included. */
  String jsonKeyParameter(String key);

  /** SQL expression: a text expression as double precision, NULL (never an error) when it is not a number. */
  String tryCastDouble(String textExpression);
}
