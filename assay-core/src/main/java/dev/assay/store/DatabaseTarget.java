package dev.assay.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the store lives: an embedded DuckDB file or a PostgreSQL server. Parsed from
 * {@code ASSAY_DATABASE_URL}; the password never appears in {@link #toString()} or messages.
 */
public sealed interface DatabaseTarget {

  Dialect dialect();

  /** A description safe to log: no password. */
  String describe();

  record DuckDb(Path file) implements DatabaseTarget {
    @Override
    public Dialect dialect() {
      return DuckDbDialect.INSTANCE;
    }

    @Override
    public String describe() {
      return "DuckDB file " + file;
    }

    public String jdbcUrl() {
      return "jdbc:duckdb:" + file.toAbsolutePath();
    }
  }

  record Postgres(String jdbcUrl, String user, String password) implements DatabaseTarget {
    @Override
    public Dialect dialect() {
      return PostgresDialect.INSTANCE;
    }

    @Override
    public String describe() {
      int query = jdbcUrl.indexOf('?');
      return "PostgreSQL " + (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
      return "Postgres[" + describe() + "]";
    }
  }

  /** The embedded default: {@code assay.duckdb} in the working directory. */
  static DatabaseTarget embedded(Path workingDir) {
    return new DuckDb(workingDir.resolve("assay.duckdb"));
  }

  /**
   * Parses {@code postgresql://user:password@host:port/db?params} (libpq style, also {@code postgres://}),
   * {@code jdbc:postgresql://…}, {@code duckdb:/path/file.duckdb} or {@code jdbc:duckdb:/path}.
   *
   * @throws IllegalArgumentException with a message naming what is wrong (never the password)
   */
  static DatabaseTarget parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("database URL is empty");
    }
    String trimmed = url.strip();
    if (trimmed.startsWith("jdbc:duckdb:")) {
      return duckDb(trimmed.substring("jdbc:duckdb:".length()));
    }
    if (trimmed.startsWith("duckdb:")) {
      String rest = trimmed.substring("duckdb:".length());
      return duckDb(rest.startsWith("//") ? rest.substring(2) : rest);
    }
    if (trimmed.startsWith("jdbc:postgresql://")) {
      return new Postgres(trimmed, null, null);
    }
    if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
      return libpq(trimmed);
    }
    throw new IllegalArgumentException(
        "unsupported database URL scheme in '" + redact(trimmed) + "': use postgresql://user:password@host:5432/db or duckdb:/path/to/file.duckdb");
  }

  private static DatabaseTarget duckDb(String path) {
    if (path.isBlank() || path.startsWith(":memory:")) {
      throw new IllegalArgumentException("a DuckDB URL needs a file path (in-memory databases would lose acknowledged data)");
    }
    return new DuckDb(Path.of(path));
  }

  private static DatabaseTarget libpq(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed PostgreSQL URL '" + redact(url) + "': " + e.getReason());
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("PostgreSQL URL '" + redact(url) + "' has no host");
    }
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (database.isBlank()) {
      throw new IllegalArgumentException("PostgreSQL URL '" + redact(url) + "' names no database (…/dbname)");
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new Postgres(jdbc, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Removes a password from a URL so it can appear in a message. */
  static String redact(String url) {
    return url.replaceAll("://([^:/@]+):[^@/]*@", "://$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
