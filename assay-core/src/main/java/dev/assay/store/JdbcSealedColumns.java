package dev.assay.store;

import dev.assay.secrets.SealedColumns;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SealedColumns} on either database: reads {@code id} and the column of every row that has one, and writes
 * back what {@code change} returns, only where the row still holds the value read (compare-and-set, so two replicas
 * re-sealing at once never undo each other).
 */
final class JdbcSealedColumns implements SealedColumns {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcSealedColumns(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  private record Row<T>(String id, T value) {}

  @Override
  public int rewriteBytes(String table, String column, UnaryOperator<byte[]> change) {
    identifiers(table, column);
    List<Row<byte[]>> rows = jdbi.withHandle(h -> h.createQuery("SELECT id, " + column + " AS v FROM " + table
            + " WHERE " + column + " IS NOT NULL")
        .map((rs, ctx) -> new Row<>(rs.getString("id"), rs.getBytes("v"))).list());
    int changed = 0;
    for (Row<byte[]> row : rows) {
      byte[] next = change.apply(row.value());
      if (next != null) {
        changed += jdbi.withHandle(h -> h.createUpdate("UPDATE " + table + " SET " + column + " = :next WHERE id = :id AND "
            + column + " = :old").bind("next", next).bind("id", row.id()).bind("old", row.value()).execute());
      }
    }
    return changed;
  }

  @Override
  public int rewriteJson(String table, String column, UnaryOperator<String> change) {
    identifiers(table, column);
    String text = dialect.jsonText(column);
    List<Row<String>> rows = jdbi.withHandle(h -> h.createQuery("SELECT id, " + text + " AS v FROM " + table
            + " WHERE " + column + " IS NOT NULL")
        .map((rs, ctx) -> new Row<>(rs.getString("id"), rs.getString("v"))).list());
    int changed = 0;
    for (Row<String> row : rows) {
      String next = change.apply(row.value());
      if (next != null) {
        changed += jdbi.withHandle(h -> h.createUpdate("UPDATE " + table + " SET " + column + " = "
            + dialect.jsonParam("next") + " WHERE id = :id AND " + text + " = :old")
            .bind("next", next).bind("id", row.id()).bind("old", row.value()).execute());
      }
    }
    return changed;
  }

  private static void identifiers(String... names) {
    for (String name : names) {
      if (!IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("not a table or column name: " + name);
      }
    }
  }
}
