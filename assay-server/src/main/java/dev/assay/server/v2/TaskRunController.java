package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.shared.Page;
import dev.assay.tasks.TaskRun;
import dev.assay.tasks.TaskRunStatus;
import dev.assay.tasks.TaskService;
import io.javalin.http.Context;

/**
 * A task's backfill runs, as AX defines them (operations {@code trigger_task_run}, {@code list_task_runs},
 * {@code get_task_run}, {@code cancel_task_run}): {@code /v2/tasks/{task_id}/trigger}, {@code /v2/tasks/{task_id}/runs}
 * and {@code /v2/task-runs}.
 */
public final class TaskRunController {
  private final TaskService tasks;
  private final ObjectMapper json;

  public TaskRunController(TaskService tasks, ObjectMapper json) {
    if (tasks == null || json == null) {
      throw new NullPointerException("tasks and json are required");
    }
    this.tasks = tasks;
    this.json = json;
  }

  /** {@code POST /v2/tasks/{task_id}/trigger}: AX's {@code TriggerEvaluationTaskRunRequest}; an empty body is fine. */
  public void trigger(Context ctx) {
    JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : TaskController.body(ctx);
    ctx.status(201).json(TaskJson.of(tasks.trigger(scope(ctx), TaskController.taskId(ctx), TaskRequests.trigger(body))));
  }

  /** {@code GET /v2/tasks/{task_id}/runs?status=&limit=&cursor=}, newest first. */
  public void list(Context ctx) {
    String status = query(ctx, "status");
    var page = V2Requests.page(ctx);
    Page<TaskRun> runs = tasks.listRuns(scope(ctx), TaskController.taskId(ctx),
        status == null ? null : TaskRequests.enumValue(TaskRunStatus.class, status, "status"), page);
    ctx.json(new TaskJson.RunList(runs.items().stream().map(TaskJson::of).toList(), Pagination.of(runs)));
  }

  /** {@code GET /v2/task-runs/{run_id}}: poll this until the status is terminal. */
  public void get(Context ctx) {
    ctx.json(TaskJson.of(tasks.getRun(scope(ctx), runId(ctx))));
  }

  /** {@code POST /v2/task-runs/{run_id}/cancel}: a run that already finished is a 409. */
  public void cancel(Context ctx) {
    ctx.json(TaskJson.of(tasks.cancelRun(scope(ctx), runId(ctx))));
  }

  private static String runId(Context ctx) {
    return ApiIds.decode(TaskJson.RUN_TYPE, ctx.pathParam("run_id"));
  }
}
