package dev.assay.testing;

import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.Migrator;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test PostgreSQL, shared by every test class in the JVM: a schema of this JVM's own
 * ({@link TestDatabases#jvmSchema()}), created empty from the real migrations on first use, cleared
 * after each test and dropped when the JVM exits. There is no skip: when the server is not running
 * (start it with {@code scripts/pg-start.sh}) the tests fail with the connection error.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterEachCallback {
  private static Database database;

  public static synchronized Database database() {
    if (database == null) {
      String schema = TestDatabases.jvmSchema();
      try (Database admin = Database.open(DatabaseTarget.parse(TestDatabases.postgresServerUrl()), 1)) {
        admin.jdbi().useHandle(h -> {
          dropSchemasOfDeadJvms(h);
          h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          h.execute("CREATE SCHEMA " + schema);
        });
      }
      Database db = Database.open(DatabaseTarget.parse(TestDatabases.postgresUrl()), 8);
      new Migrator(db.jdbi(), db.dialect(), Clock.systemUTC()).migrate();
      database = db;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropOwnSchema(db, schema), "drop-test-schema"));
    }
    return database;
  }

  /** A JVM killed mid-run leaves its schema behind; the next run removes it. */
  private static void dropSchemasOfDeadJvms(Handle h) {
    List<String> schemas = h.createQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE :prefix")
        .bind("prefix", TestDatabases.SCHEMA_PREFIX + "%").mapTo(String.class).list();
    for (String schema : schemas) {
      String pid = schema.substring(TestDatabases.SCHEMA_PREFIX.length());
      if (pid.matches("[0-9]+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
        h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static void dropOwnSchema(Database db, String schema) {
    try {
      db.jdbi().useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    } catch (RuntimeException e) {
      System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
    } finally {
      db.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    database();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestDatabases.clear(database());
  }
}
