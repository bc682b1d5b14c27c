package dev.assay.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Deletes projects with every row recorded in them, inside the caller's transaction. Used for one
 * project and for all projects of a space that is being deleted.
 */
final class DeleteProjects {
  /** Tables whose rows belong to a project (column {@code project_id}) and go with it. */
  private static final List<String> PROJECT_TABLES = List.of("evaluations", "spans", "traces", "session_traces", "sessions",
      "task_pending_targets", "task_runs", "tasks");

  private DeleteProjects() {}

  /** Deletes the project {@code id} and its rows; returns false when there was no such project. */
  static boolean byId(Handle h, String id) {
    // Chunks have no project column: they go through their runs, before the runs do.
    h.createUpdate("DELETE FROM task_run_chunks WHERE run_id IN (SELECT id FROM task_runs WHERE project_id = :id)")
        .bind("id", id).execute();
    for (String table : PROJECT_TABLES) {
      h.createUpdate("DELETE FROM " + table + " WHERE project_id = :id").bind("id", id).execute();
    }
    return h.createUpdate("DELETE FROM projects WHERE id = :id").bind("id", id).execute() > 0;
  }

  /** Deletes every project of the space {@code spaceId} and their rows; returns how many projects went. */
  static int inSpace(Handle h, String spaceId) {
    h.createUpdate("DELETE FROM task_run_chunks WHERE run_id IN (SELECT id FROM task_runs WHERE project_id IN"
            + " (SELECT id FROM projects WHERE space_id = :space_id))")
        .bind("space_id", spaceId).execute();
    for (String table : PROJECT_TABLES) {
      h.createUpdate("DELETE FROM " + table + " WHERE project_id IN (SELECT id FROM projects WHERE space_id = :space_id)")
          .bind("space_id", spaceId).execute();
    }
    return h.createUpdate("DELETE FROM projects WHERE space_id = :space_id").bind("space_id", spaceId).execute();
  }
}
