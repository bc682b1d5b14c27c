package dev.assay.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.assay.shared.Times;

/**
 * Applies the versioned SQL migrations of one dialect, each once, in order, inside a transaction.
 *
 * <p>Written in-house (see RATIONALE.md) because Flyway's current line has no DuckDB support and
 * Liquibase fails on DuckDB. Migrations are data: {@code db/migration/<dialect>/index.txt} lists the
 * files in order (a jar cannot be listed portably), and {@code schema_migrations} records each applied
 * file's SHA-256. A file edited after it was applied, or a database migrated by a newer Assay, stops
 * start-up with a message saying which file and what to do.
 *
 * <p>Statements are split at a {@code ;} that ends a line, which suits DDL; a migration that needs a
 * function body must keep each statement's inner semicolons off line ends.
 */
public final class Migrator {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
  private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);
  /** Arbitrary constant that keys PostgreSQL's advisory lock, so replicas starting together migrate once. */
  private static final long PG_LOCK_KEY = 0x4173736179L;

  /** Where the product's migrations live on the classpath. */
  public static final String DEFAULT_ROOT = "db/migration";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;
  private final String root;

  public Migrator(Jdbi jdbi, Dialect dialect, Clock clock) {
    this(jdbi, dialect, clock, DEFAULT_ROOT);
  }

  /** A migrator over another classpath folder; tests use it to apply deliberately broken sets. */
  Migrator(Jdbi jdbi, Dialect dialect, Clock clock, String root) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
    this.root = root;
  }

  /** One migration file: its version (file name without {@code .sql}), SQL text and checksum. */
  public record Migration(String version, String sql, String checksum) {}

  /** Applies what is missing; returns the versions applied by this call (empty when up to date). */
  public List<String> migrate() {
    List<Migration> migrations = load(root, dialect);
    return jdbi.withHandle(handle -> {
      boolean locked = lock(handle);
      try {
        handle.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
            + "version VARCHAR PRIMARY KEY, checksum VARCHAR NOT NULL, applied_at BIGINT NOT NULL)");
        Map<String, String> applied = new LinkedHashMap<>();
        handle.createQuery("SELECT version, checksum FROM schema_migrations ORDER BY version")
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
            .forEach(e -> applied.put(e.getKey(), e.getValue()));
        verify(migrations, applied);
        List<String> done = new ArrayList<>();
        for (Migration m : migrations) {
          if (!applied.containsKey(m.version())) {
            apply(handle, m);
            done.add(m.version());
          }
        }
        return done;
      } finally {
        if (locked) {
          handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", PG_LOCK_KEY).mapTo(Boolean.class).one();
        }
      }
    });
  }

  private boolean lock(Handle handle) {
    if (dialect.singleProcess()) {
      return false;
    }
    handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_lock(:key)) AS locked").bind("key", PG_LOCK_KEY).mapTo(Integer.class).one();
    return true;
  }

  private void verify(List<Migration> migrations, Map<String, String> applied) {
    Map<String, Migration> known = new LinkedHashMap<>();
    migrations.forEach(m -> known.put(m.version(), m));
    for (var entry : applied.entrySet()) {
      Migration m = known.get(entry.getKey());
      if (m == null) {
        throw new MigrationException("the database has migration " + entry.getKey()
            + " which this version of Assay does not know; it was migrated by a newer Assay — run that version or a newer one");
      }
      if (!m.checksum().equals(entry.getValue())) {
        throw new MigrationException("migration " + m.version() + " (" + dialect.name()
            + ") was changed after it was applied (checksum " + abbreviate(entry.getValue()) + " in the database, "
            + abbreviate(m.checksum()) + " in this build); restore the original file and put the change in a new migration");
      }
    }
  }

  private void apply(Handle handle, Migration m) {
    LOG.info("applying migration {} ({})", m.version(), dialect.name());
    try {
      handle.useTransaction(tx -> {
        for (String statement : statements(m.sql())) {
          tx.execute(statement);
        }
        tx.createUpdate("INSERT INTO schema_migrations (version, checksum, applied_at) VALUES (:v, :c, :t)")
            .bind("v", m.version())
            .bind("c", m.checksum())
            .bind("t", Times.nowMicros(clock))
            .execute();
      });
    } catch (RuntimeException e) {
      throw new MigrationException("migration " + m.version() + " (" + dialect.name() + ") failed: " + rootMessage(e), e);
    }
  }

  /** Splits a migration into statements, dropping comment-only and blank pieces. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    for (String piece : STATEMENT_END.split(sql)) {
      String withoutComments = piece.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
      if (!withoutComments.isEmpty()) {
        out.add(withoutComments);
      }
    }
    return out;
  }

  /** Reads the ordered migrations of a dialect from the classpath. */
  public static List<Migration> load(Dialect dialect) {
    return load(DEFAULT_ROOT, dialect);
  }

  static List<Migration> load(String root, Dialect dialect) {
    String folder = root + "/" + dialect.name() + "/";
    String index = read(folder + "index.txt");
    List<Migration> out = new ArrayList<>();
    for (String line : index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
      if (!line.endsWith(".sql")) {
        throw new MigrationException(folder + "index.txt lists '" + line + "', which is not a .sql file");
      }
      String sql = read(folder + line);
      out.add(new Migration(line.substring(0, line.length() - 4), sql, sha256(sql)));
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new MigrationException("missing migration resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException("cannot read " + resource, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String checksum) {
    return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
