package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Migrations are data: these checks keep the two dialects' files and indexes in step. */
class MigrationFilesTest {
  private static final Path ROOT = Path.of("src/main/resources/db/migration");

  private static List<String> sqlFiles(String dialect) throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve(dialect))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
    }
  }

  private static List<String> indexed(Dialect dialect) {
    return Migrator.load(dialect).stream().map(m -> m.version() + ".sql").toList();
  }

  @Test
  void everyMigrationFileIsIndexed_inVersionOrder() throws IOException {
    for (Dialect dialect : List.of(DuckDbDialect.INSTANCE, PostgresDialect.INSTANCE)) {
      assertEquals(sqlFiles(dialect.name()), indexed(dialect), dialect.name() + "/index.txt must list every .sql file in order");
    }
  }

  @Test
  void bothDialectsHaveTheSameVersions() {
    assertEquals(indexed(DuckDbDialect.INSTANCE), indexed(PostgresDialect.INSTANCE));
  }

  @Test
  void statementsSplitAtLineEndSemicolons_andDropComments() {
    List<String> statements = Migrator.statements("""
        -- header comment;
        CREATE TABLE a (x VARCHAR DEFAULT 'a;b');
        -- between
        INSERT INTO a VALUES ('c');
        """);

    assertEquals(List.of("CREATE TABLE a (x VARCHAR DEFAULT 'a;b')", "INSERT INTO a VALUES ('c')"), statements);
    assertFalse(statements.stream().anyMatch(s -> s.startsWith("--")));
  }
}
