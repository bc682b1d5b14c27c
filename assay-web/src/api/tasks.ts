import { api, unwrap, type Schemas } from "./client";

/*
 * The task API (issue 6): evaluators bound to a project, continuous or as backfill runs; AX's shapes
 * plus Assay's scope, pause and progress fields, resume and the live count of matching targets.
 */

/** A task as the API answers it (openapi-fetch drops the always-null dataset fields from the schema's type). */
export type Task = Awaited<ReturnType<typeof getTask>>;
export type TaskRun = Awaited<ReturnType<typeof listRuns>>["task_runs"][number];
export type TaskScope = Schemas["TaskScope"];
export type TaskType = Schemas["TaskType"];
export type TaskRunStatus = Schemas["TaskRunStatus"];
export type TaskEvaluatorInput = Schemas["TaskEvaluatorInput"];
export type NewTask = Schemas["CreateEvaluationTaskRequest"];
export type TaskChanges = Schemas["UpdateEvaluationTaskRequest"];
export type TriggerRequest = Schemas["TriggerEvaluationTaskRunRequest"];
export type CountRequest = Schemas["CountTaskTargetsRequest"];
export type TargetCount = Schemas["TaskTargetCount"];

export const TERMINAL: TaskRunStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];

export function isActive(run: TaskRun): boolean {
  return !TERMINAL.includes(run.status);
}

export function listTasks(q: { project_id: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/tasks", { params: { query: q }, signal }));
}

export function getTask(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/tasks/{task_id}", { params: { path: { task_id: id } }, signal }));
}

export function createTask(body: NewTask) {
  return unwrap(api.POST("/v2/tasks", { body }));
}

export function updateTask(id: string, body: TaskChanges) {
  return unwrap(api.PATCH("/v2/tasks/{task_id}", { params: { path: { task_id: id } }, body }));
}

export function deleteTask(id: string) {
  return unwrap(api.DELETE("/v2/tasks/{task_id}", { params: { path: { task_id: id } } }));
}

export function resumeTask(id: string) {
  return unwrap(api.POST("/v2/tasks/{task_id}/resume", { params: { path: { task_id: id } } }));
}

export function listRuns(taskId: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/tasks/{task_id}/runs", { params: { path: { task_id: taskId }, query: { limit: 100 } }, signal }));
}

export function triggerRun(taskId: string, body: TriggerRequest) {
  return unwrap(api.POST("/v2/tasks/{task_id}/trigger", { params: { path: { task_id: taskId } }, body }));
}

export function cancelRun(runId: string) {
  return unwrap(api.POST("/v2/task-runs/{run_id}/cancel", { params: { path: { run_id: runId } } }));
}

export function countTargets(body: CountRequest, signal?: AbortSignal) {
  return unwrap(api.POST("/v2/tasks/count", { body, signal }));
}

/** What a task of this scope evaluates, in the plural. */
export function targetNoun(scope: TaskScope, count: number): string {
  const one = count === 1;
  switch (scope) {
    case "SPAN":
      return one ? "span" : "spans";
    case "SESSION":
      return one ? "session" : "sessions";
    default:
      return one ? "trace" : "traces";
  }
}
