package dev.assay.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: a temporary table {@code ON COMMIT DELETE ROWS} (not WAL-logged) filled with
 * {@code COPY … FROM STDIN} in text format, streamed in chunks of about 1 MB.
 */
final class CopyStagingTable extends StagingTable {
  private static final int CHUNK_CHARS = 1 << 20;

  CopyStagingTable(String name, List<Column> columns) {
    super(name, columns);
  }

  @Override
  String createSql() {
    return "CREATE TEMP TABLE IF NOT EXISTS " + name() + " ("
        + columns().stream().map(c -> c.name() + " " + type(c.type())).collect(Collectors.joining(", "))
        + ") ON COMMIT DELETE ROWS";
  }

  private static String type(Type type) {
    return switch (type) {
      case TEXT -> "TEXT";
      case BIGINT -> "BIGINT";
      case DOUBLE -> "DOUBLE PRECISION";
    };
  }

  @Override
  String resetSql() {
    return null; // ON COMMIT DELETE ROWS: emptied at every commit and rollback
  }

  @Override
  <T> void load(Handle handle, List<T> rows, Encoder<T> encoder) throws SQLException {
    PGConnection connection = handle.getConnection().unwrap(PGConnection.class);
    CopyIn copy = connection.getCopyAPI().copyIn("COPY " + name() + " (" + columnList() + ") FROM STDIN");
    try {
      TextRow out = new TextRow();
      for (T row : rows) {
        encoder.encode(row, out);
        out.endRow();
        if (out.line.length() >= CHUNK_CHARS) {
          out.flushTo(copy);
        }
      }
      out.flushTo(copy);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** Builds COPY text format: tab-separated, {@code \N} for NULL, backslash escapes. */
  private static final class TextRow implements StagingTable.RowWriter {
    private final StringBuilder line = new StringBuilder(CHUNK_CHARS + (CHUNK_CHARS >> 2));
    private boolean first = true;

    @Override
    public void text(String value) {
      separator();
      if (value == null) {
        line.append("\\N");
        return;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> line.append("\\\\");
          case '\t' -> line.append("\\t");
          case '\n' -> line.append("\\n");
          case '\r' -> line.append("\\r");
          default -> line.append(c);
        }
      }
    }

    @Override
    public void bigint(Long value) {
      separator();
      line.append(value == null ? "\\N" : value.toString());
    }

    @Override
    public void float8(Double value) {
      separator();
      // Double.toString is the shortest text that parses back to the same double in PostgreSQL too.
      line.append(value == null ? "\\N" : value.isNaN() ? "NaN" : value.isInfinite() ? (value > 0 ? "Infinity" : "-Infinity") : value.toString());
    }

    private void separator() {
      if (!first) {
        line.append('\t');
      }
      first = false;
    }

    void endRow() {
      line.append('\n');
      first = true;
    }

    void flushTo(CopyIn copy) throws SQLException {
      if (!line.isEmpty()) {
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        line.setLength(0);
      }
    }
  }
}
