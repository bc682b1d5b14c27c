package dev.assay.testing;

import dev.assay.spaces.Space;
import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.Migrator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Real databases for tests: a migrated DuckDB file in a temp directory, or the shared test PostgreSQL. */
public final class TestDatabases {
  /** Overridable so a developer can point tests at another server; CI uses the default from scripts/pg-start.sh. */
  public static final String PG_URL_PROPERTY = "assay.test.pg.url";
  private static final String DEFAULT_PG_URL = "postgresql://assay:assay@127.0.0.1:5432/assay_test";
  static final String SCHEMA_PREFIX = "assay_test_";

  private TestDatabases() {}

  /** Opens and migrates a DuckDB file {@code assay.duckdb} in {@code dir}. */
  public static Database duckDb(Path dir) {
    Database db = Database.open(DatabaseTarget.embedded(dir), 4);
    new Migrator(db.jdbi(), db.dialect(), Clock.systemUTC()).migrate();
    return db;
  }

  /**
   * The test PostgreSQL URL (libpq form) for this JVM: the server from {@code ASSAY_TEST_PG_URL} (or the
   * default) with {@code currentSchema} set to a schema of this JVM's own, so concurrent test runs on one
   * server never see each other's rows. A child process started by a test receives the parent's URL
   * through {@code -Dassay.test.pg.url} and so shares the parent's schema.
   */
  public static String postgresUrl() {
    String inherited = System.getProperty(PG_URL_PROPERTY);
    if (inherited != null && !inherited.isBlank()) {
      return inherited;
    }
    String server = postgresServerUrl();
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + jvmSchema();
  }

  /** The test PostgreSQL server's URL without a schema, for administrative statements. */
  public static String postgresServerUrl() {
    String url = System.getenv("ASSAY_TEST_PG_URL");
    return url == null || url.isBlank() ? DEFAULT_PG_URL : url;
  }

  /** The schema this JVM's PostgreSQL tests use: {@code assay_test_<pid>}. */
  public static String jvmSchema() {
    return SCHEMA_PREFIX + ProcessHandle.current().pid();
  }

  /** Deletes every row a test may have written, keeping the schema and the default space. */
  public static void clear(Database db) {
    db.jdbi().useHandle(h -> {
      List<String> tables = h.createQuery("""
              SELECT table_name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                AND table_name NOT IN ('schema_migrations', 'spaces')
              ORDER BY table_name""")
          .mapTo(String.class)
          .list();
      for (String table : tables) {
        h.execute("DELETE FROM " + table);
      }
      h.createUpdate("DELETE FROM spaces WHERE id <> :id").bind("id", Space.DEFAULT_ID).execute();
    });
  }
}
