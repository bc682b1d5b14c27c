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

  private TestDatabases() {}

  /** Opens and migrates a DuckDB file {@code assay.duckdb} in {@code dir}. */
  public static Database duckDb(Path dir) {
    Database db = Database.open(DatabaseTarget.embedded(dir), 4);
    new Migrator(db.jdbi(), db.dialect(), Clock.systemUTC()).migrate();
    return db;
  }

  /** The test PostgreSQL URL (libpq form), from {@code -Dassay.test.pg.url}, {@code ASSAY_TEST_PG_URL} or the default. */
  public static String postgresUrl() {
    String url = System.getProperty(PG_URL_PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv("ASSAY_TEST_PG_URL");
    }
    return url == null || url.isBlank() ? DEFAULT_PG_URL : url;
  }

  /** Deletes every row a test may have written, keeping the schema and the default space. */
  public static void clear(Database db) {
    String schema = db.dialect().singleProcess() ? "main" : "public";
    db.jdbi().useHandle(h -> {
      List<String> tables = h.createQuery("""
              SELECT table_name FROM information_schema.tables
              WHERE table_schema = :schema AND table_type = 'BASE TABLE'
                AND table_name NOT IN ('schema_migrations', 'spaces')
              ORDER BY table_name""")
          .bind("schema", schema)
          .mapTo(String.class)
          .list();
      for (String table : tables) {
        h.execute("DELETE FROM " + table);
      }
      h.createUpdate("DELETE FROM spaces WHERE id <> :id").bind("id", Space.DEFAULT_ID).execute();
    });
  }
}
