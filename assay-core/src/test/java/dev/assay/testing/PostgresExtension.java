package dev.assay.testing;

import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.Migrator;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test PostgreSQL, shared by every test class in the JVM: opened once, its schema dropped and
 * re-created from the real migrations, and cleared after each test. There is no skip: when the server
 * is not running (start it with {@code scripts/pg-start.sh}) the tests fail with the connection error.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterEachCallback {
  private static Database database;

  public static synchronized Database database() {
    if (database == null) {
      Database db = Database.open(DatabaseTarget.parse(TestDatabases.postgresUrl()), 8);
      db.jdbi().useHandle(h -> {
        h.execute("DROP SCHEMA IF EXISTS public CASCADE");
        h.execute("CREATE SCHEMA public");
      });
      new Migrator(db.jdbi(), db.dialect(), Clock.systemUTC()).migrate();
      database = db;
      Runtime.getRuntime().addShutdownHook(new Thread(db::close, "close-test-postgres"));
    }
    return database;
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
