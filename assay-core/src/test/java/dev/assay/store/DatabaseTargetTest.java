package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

  @Test
  void libpqUrl_becomesJdbcWithUserAndDecodedPassword() {
    var pg = assertInstanceOf(DatabaseTarget.Postgres.class,
        DatabaseTarget.parse("postgresql://assay:p%40ss@db.internal:6543/assay?sslmode=require"));

    assertEquals("jdbc:postgresql://db.internal:6543/assay?sslmode=require", pg.jdbcUrl());
    assertEquals("assay", pg.user());
    assertEquals("p@ss", pg.password());
  }

  @Test
  void libpqUrl_defaultsThePortAndAcceptsThePostgresScheme() {
    var pg = assertInstanceOf(DatabaseTarget.Postgres.class, DatabaseTarget.parse("postgres://h/db"));
    assertEquals("jdbc:postgresql://h:5432/db", pg.jdbcUrl());
    assertNull(pg.user());
  }

  @Test
  void jdbcUrls_passThrough() {
    var pg = assertInstanceOf(DatabaseTarget.Postgres.class, DatabaseTarget.parse("jdbc:postgresql://h:5432/db?user=u"));
    assertEquals("jdbc:postgresql://h:5432/db?user=u", pg.jdbcUrl());
    var duck = assertInstanceOf(DatabaseTarget.DuckDb.class, DatabaseTarget.parse("jdbc:duckdb:/data/a.duckdb"));
    assertEquals(Path.of("/data/a.duckdb"), duck.file());
    assertEquals(Path.of("/data/b.duckdb"), ((DatabaseTarget.DuckDb) DatabaseTarget.parse("duckdb:///data/b.duckdb")).file());
  }

  @Test
  void badUrls_areRejectedWithAReasonAndWithoutThePassword() {
    for (String bad : new String[] {"mysql://u:secret@h/db", "postgresql://u:secret@/db", "postgresql://u:secret@h", "duckdb::memory:", " "}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseTarget.parse(bad), bad);
      assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
  }

  @Test
  void describe_neverShowsThePassword() {
    var pg = DatabaseTarget.parse("postgresql://u:hunter2@h:5432/db?password=hunter2");
    assertFalse(pg.describe().contains("hunter2"));
    assertFalse(pg.toString().contains("hunter2"));
    assertTrue(pg.describe().contains("h:5432/db"));
  }
}
