package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluatorService;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskService;
import dev.assay.tasks.TaskType;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /v2/tasks}, as AX defines it (operations {@code list_tasks}, {@code create_task}, {@code get_task},
 * {@code update_task}, {@code delete_task}), plus Assay's {@code resume_task} and {@code count_task_targets}.
 * Only evaluation tasks on a project exist; AX's dataset tasks are a 400. Runs: {@link TaskRunController}.
 */
public final class TaskController {
  private final TaskService tasks;
  private final EvaluatorService evaluators;

  public TaskController(TaskService tasks, EvaluatorService evaluators) {
    if (tasks == null || evaluators == null) {
      throw new NullPointerException("tasks and evaluators are required");
    }
    this.tasks = tasks;
    this.evaluators = evaluators;
  }

  /** {@code GET /v2/tasks?space_id=&space_name=&name=&project_id=&dataset_id=&type=&limit=&cursor=}. */
  public void list(Context ctx) {
    if (query(ctx, "dataset_id") != null) {
      throw new InvalidInputException("dataset_id: " + TaskRequests.DATASET_TASKS);
    }
    String type = query(ctx, "type");
    var page = V2Requests.page(ctx);
    AccessScope scope = scope(ctx);
    if ("RUN_EXPERIMENT".equalsIgnoreCase(type)) {
      ctx.json(new TaskJson.TaskList(List.of(), new Pagination(null, false))); // none exist yet
      return;
    }
    String spaceId = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    Page<Task> found = tasks.list(scope, spaceId != null ? spaceId : query(ctx, "space_name"),
        ApiIds.decode(ProjectController.TYPE, query(ctx, "project_id")), query(ctx, "name"),
        type == null ? null : TaskRequests.enumValue(TaskType.class, type, "type"), page);
    TaskJson.EvaluatorNames names = names(scope);
    ctx.json(new TaskJson.TaskList(found.items().stream().map(t -> TaskJson.of(t, names)).toList(),
        Pagination.of(found)));
  }

  /** {@code POST /v2/tasks}: AX's {@code CreateTemplateEvaluationTaskRequest} / {@code CreateCodeEvaluationTaskRequest}. */
  public void create(Context ctx) {
    AccessScope scope = scope(ctx);
    Task created = tasks.create(scope, TaskRequests.create(body(ctx)));
    ctx.status(201).json(TaskJson.of(created, names(scope)));
  }

  public void get(Context ctx) {
    AccessScope scope = scope(ctx);
    ctx.json(TaskJson.of(tasks.get(scope, taskId(ctx)), names(scope)));
  }

  /** {@code PATCH /v2/tasks/{task_id}}: AX's {@code UpdateEvaluationTaskRequest}. */
  public void update(Context ctx) {
    AccessScope scope = scope(ctx);
    ctx.json(TaskJson.of(tasks.update(scope, taskId(ctx), TaskRequests.update(body(ctx))), names(scope)));
  }

  public void delete(Context ctx) {
    tasks.delete(scope(ctx), taskId(ctx));
    ctx.status(204);
  }

  /** {@code POST /v2/tasks/{task_id}/resume} (Assay's): lifts a pause by hand. */
  public void resume(Context ctx) {
    AccessScope scope = scope(ctx);
    ctx.json(TaskJson.of(tasks.resume(scope, taskId(ctx)), names(scope)));
  }

  /** {@code POST /v2/tasks/count} (Assay's): the live count while a task is set up. */
  public void count(Context ctx) {
    TaskRequests.Count c = TaskRequests.count(body(ctx));
    ctx.json(tasks.count(scope(ctx), c.projectRef(), c.scope(), c.filter(), c.samplingRate(), c.start(), c.end()));
  }

  private TaskJson.EvaluatorNames names(AccessScope scope) {
    return new TaskJson.EvaluatorNames(evaluators, scope);
  }

  static JsonNode body(Context ctx) {
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    return body;
  }

  static String taskId(Context ctx) {
    return ApiIds.decode(TaskJson.TYPE, ctx.pathParam("task_id"));
  }

}
