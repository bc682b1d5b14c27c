package dev.assay.testing;

import dev.assay.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated DuckDB file in a temporary directory for one test class (and its nested classes), the
 * counterpart of {@link PostgresExtension}: opened before the class, cleared after each test, closed
 * and deleted after the class. Register it as a static field:
 * {@code @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();}
 */
public final class DuckDbExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private Path dir;
  private Database database;
  /** Classes running now: the outer class and any of its nested classes, which share the database. */
  private int openClasses;

  public Database database() {
    if (database == null) {
      throw new IllegalStateException("the DuckDB test database is opened before the test class runs");
    }
    return database;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (openClasses++ == 0) {
      dir = Files.createTempDirectory("assay-duckdb-test");
      database = TestDatabases.duckDb(dir);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestDatabases.clear(database);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--openClasses > 0) {
      return; // a nested class finished; the outer class still needs the database
    }
    database.close();
    database = null;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
