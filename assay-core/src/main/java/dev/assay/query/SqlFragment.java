package dev.assay.query;

import java.util.Map;
import java.util.Objects;

/**
 * A boolean SQL expression with its named parameters ({@code :name} in Jdbi style). Every value from
 * the user is in {@link #binds}; {@link #sql} holds only text the compiler wrote.
 */
public record SqlFragment(String sql, Map<String, Object> binds) {
  public SqlFragment {
    Objects.requireNonNull(sql, "sql");
    binds = Map.copyOf(binds);
  }

  @Override
  public String toString() {
    return sql + " " + binds;
  }
}
