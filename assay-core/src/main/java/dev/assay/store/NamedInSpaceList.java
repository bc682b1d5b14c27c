package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Cursors;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The queries shared by resources whose names are unique per space (projects, evaluators, model configs, prompts):
 * the list of rows the scope may see, optionally in one space, in spaces whose name contains a text, or with a name
 * containing a text (both ignoring case), in (name, id) order with a keyset cursor; and the lookups by id and by name.
 */
final class NamedInSpaceList {
  private NamedInSpaceList() {}

  /** Which rows; every null field matches everything. */
  record Filter(String spaceId, String spaceNameContains, String nameContains) {}

  /** The row with this id, when the scope may see it. */
  static <T> Optional<T> findById(Handle h, String table, String columns, AccessScope scope, String id,
      RowMapper<T> mapper) {
    String sql = "SELECT " + columns + " FROM " + table + " WHERE id = :id AND " + ScopeSql.spaceClause(scope, "space_id");
    return ScopeSql.bind(h.createQuery(sql), scope).bind("id", id).map(mapper).findOne();
  }

  /** The row named {@code name} (surrounding blanks ignored) in the space, when the scope may see it. */
  static <T> Optional<T> findByName(Jdbi jdbi, String table, String columns, AccessScope scope, String spaceId,
      String name, RowMapper<T> mapper) {
    if (spaceId == null || name == null) {
      return Optional.empty();
    }
    String sql = "SELECT " + columns + " FROM " + table + " WHERE space_id = :space_id AND name = :name AND "
        + ScopeSql.spaceClause(scope, "space_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("space_id", spaceId)
        .bind("name", name.strip()).map(mapper).findOne());
  }

  static <T> Page<T> list(Jdbi jdbi, String table, String columns, AccessScope scope, Filter filter, PageRequest page,
      RowMapper<T> mapper, Function<T, String> nameOf, Function<T, String> idOf) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    String sql = "SELECT " + columns + " FROM " + table + " WHERE " + ScopeSql.spaceClause(scope, "space_id")
        + (filter.spaceId() == null ? "" : " AND space_id = :space_id")
        + (filter.spaceNameContains() == null ? ""
            : " AND space_id IN (SELECT id FROM spaces WHERE strpos(lower(name), lower(:space_name_contains)) > 0)")
        + (filter.nameContains() == null ? "" : " AND strpos(lower(name), lower(:name_contains)) > 0")
        + (after == null ? "" : " AND (name > :after_name OR (name = :after_name AND id > :after_id))")
        + " ORDER BY name, id LIMIT :limit";
    List<T> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("limit", page.limit() + 1);
      if (filter.spaceId() != null) {
        q.bind("space_id", filter.spaceId());
      }
      if (filter.spaceNameContains() != null) {
        q.bind("space_name_contains", filter.spaceNameContains());
      }
      if (filter.nameContains() != null) {
        q.bind("name_contains", filter.nameContains());
      }
      if (after != null) {
        q.bind("after_name", after[0]).bind("after_id", after[1]);
      }
      return q.map(mapper).list();
    });
    return Pages.of(rows, page.limit(), row -> Cursors.encode(nameOf.apply(row), idOf.apply(row)));
  }
}
