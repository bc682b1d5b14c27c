package dev.assay.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.duckdb.DuckDBConnection;
import org.jdbi.v3.core.Jdbi;
import dev.assay.shared.UnavailableException;

/**
 * An open connection to the store's database: its {@link Dialect} and a {@link Jdbi} over a pool.
 *
 * <p>DuckDB: one root connection owns the file for the life of the process; every handle is a
 * {@code duplicate()} of it (same database instance, its own transaction). PostgreSQL: a HikariCP pool.
 */
public final class Database implements AutoCloseable {
  private final DatabaseTarget target;
  private final Jdbi jdbi;
  private final AutoCloseable resource;

  private Database(DatabaseTarget target, Jdbi jdbi, AutoCloseable resource) {
    this.target = target;
    this.jdbi = jdbi;
    this.resource = resource;
  }

  /**
   * Opens the database and checks that it answers.
   *
   * @throws StoreOpenException with one line saying what is wrong (unwritable directory, file locked
   *     by another process, server unreachable, authentication failed)
   */
  public static Database open(DatabaseTarget target, int poolSize) {
    return switch (target) {
      case DatabaseTarget.DuckDb duck -> openDuckDb(duck);
      case DatabaseTarget.Postgres pg -> openPostgres(pg, poolSize);
    };
  }

  private static Database openDuckDb(DatabaseTarget.DuckDb target) {
    Path file = target.file().toAbsolutePath();
    Path dir = file.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new StoreOpenException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.isWritable(dir)) {
      throw new StoreOpenException("the data directory " + dir + " is not writable; set ASSAY_WORKING_DIR to a writable directory");
    }
    DuckDBConnection root;
    try {
      root = (DuckDBConnection) DriverManager.getConnection(target.jdbcUrl());
    } catch (SQLException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
        throw new StoreOpenException("the database file " + file + " is in use by another process (is another Assay server running?); "
            + "stop it, or point ASSAY_WORKING_DIR elsewhere", e);
      }
      throw new StoreOpenException("cannot open the DuckDB file " + file + ": " + firstLine(message), e);
    }
    Jdbi jdbi = Jdbi.create(() -> duplicate(root));
    return new Database(target, jdbi, root);
  }

  private static Connection duplicate(DuckDBConnection root) throws SQLException {
    if (root.isClosed()) {
      throw new SQLException("the DuckDB database is closed");
    }
    return root.duplicate();
  }

  private static Database openPostgres(DatabaseTarget.Postgres target, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("assay-pg");
    config.setJdbcUrl(target.jdbcUrl());
    if (target.user() != null) {
      config.setUsername(target.user());
    }
    if (target.password() != null) {
      config.setPassword(target.password());
    }
    config.setMaximumPoolSize(poolSize);
    config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    config.setInitializationFailTimeout(Duration.ofSeconds(5).toMillis());
    // Batched inserts become multi-row INSERTs: several times faster for the writer's fallback path.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "assay");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreOpenException("cannot connect to " + target.describe() + ": " + firstLine(rootMessage(e)), e);
    }
    return new Database(target, Jdbi.create(dataSource), dataSource);
  }

  public Dialect dialect() {
    return target.dialect();
  }

  public DatabaseTarget target() {
    return target;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Runs a trivial query; throws {@link UnavailableException} when the database does not answer. */
  public void check() {
    try {
      jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    } catch (RuntimeException e) {
      throw new UnavailableException("the database does not answer: " + firstLine(rootMessage(e)), e);
    }
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + target.describe() + " failed", e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
