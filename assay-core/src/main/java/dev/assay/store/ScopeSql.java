package dev.assay.store;

import dev.assay.auth.AccessScope;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Renders an {@link AccessScope} as a SQL predicate with bound parameters, so every query limits
 * itself to the caller's spaces. The predicate never contains caller text: space ids are bound.
 */
final class ScopeSql {
  private static final String BIND = "scope_space_ids";

  private ScopeSql() {}

  /** Predicate on a column that holds a space id, e.g. {@code spaceClause(scope, "p.space_id")}. */
  static String spaceClause(AccessScope scope, String spaceIdColumn) {
    return switch (scope) {
      case AccessScope.Unrestricted u -> "1 = 1";
      case AccessScope.Spaces s when s.spaceIds().isEmpty() -> "1 = 0";
      case AccessScope.Spaces s -> spaceIdColumn + " IN (<" + BIND + ">)";
    };
  }

  /** Predicate on a column that holds a project id: the project must lie in a visible space. */
  static String projectClause(AccessScope scope, String projectIdColumn) {
    return switch (scope) {
      case AccessScope.Unrestricted u -> "1 = 1";
      case AccessScope.Spaces s when s.spaceIds().isEmpty() -> "1 = 0";
      case AccessScope.Spaces s -> projectIdColumn + " IN (SELECT id FROM projects WHERE space_id IN (<" + BIND + ">))";
    };
  }

  /** Binds the parameters that {@link #spaceClause} or {@link #projectClause} referenced. */
  static <S extends SqlStatement<S>> S bind(S statement, AccessScope scope) {
    if (scope instanceof AccessScope.Spaces s && !s.spaceIds().isEmpty()) {
      statement.bindList(BIND, List.copyOf(s.spaceIds()));
    }
    return statement;
  }
}
