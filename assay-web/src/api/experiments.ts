import { api, unwrap, type Schemas } from "./client";

/* The experiment API (issue 7): AX's experiments and runs plus Assay's summary, compare and labels. */

/** An experiment as the API answers it (openapi-fetch drops the always-null integration_id from the type). */
export type Experiment = Awaited<ReturnType<typeof getExperiment>>;
export type ExperimentRun = Schemas["ExperimentRun"];
export type ExperimentSummary = Schemas["ExperimentSummary"];
export type EvaluatorSummary = Schemas["EvaluatorSummary"];
export type Comparison = Schemas["ExperimentComparison"];
export type EvaluatorComparison = Schemas["EvaluatorComparison"];
export type ExampleComparison = Schemas["ExampleComparison"];
export type ExperimentStatus = Schemas["Experiment"]["status"];

const path = (id: string) => ({ path: { experiment_id: id } });

export function listExperiments(q: { dataset_id?: string; name?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/experiments", { params: { query: q }, signal }));
}

export function getExperiment(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/experiments/{experiment_id}", { params: path(id), signal }));
}

export function getSummary(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/experiments/{experiment_id}/summary", { params: path(id), signal }));
}

/** Every run of an experiment (pages of 500 followed to the end). */
export async function listAllRuns(id: string, signal?: AbortSignal): Promise<ExperimentRun[]> {
  const runs: ExperimentRun[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await unwrap(
      api.GET("/v2/experiments/{experiment_id}/runs", { params: { ...path(id), query: { limit: 500, cursor } }, signal }),
    );
    runs.push(...page.experiment_runs);
    if (!page.pagination.has_more || !page.pagination.next_cursor) return runs;
    cursor = page.pagination.next_cursor;
  }
}

export function compare(id: string, baseline: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/experiments/{experiment_id}/compare", { params: { path: { experiment_id: id }, query: { baseline } }, signal }));
}

export function setExperimentLabels(id: string, labels: string[]) {
  return unwrap(api.PUT("/v2/experiments/{experiment_id}/labels", { params: path(id), body: { labels } }));
}

export function deleteExperiment(id: string) {
  return unwrap(api.DELETE("/v2/experiments/{experiment_id}", { params: path(id) }));
}

/** What the task under test is, in a few words: `PROMPT`, `HTTP https://…`, `COMMAND python app.py`. */
export function describeTask(task: Experiment["task"]): string {
  if (!task) return "recorded";
  const t = task as Record<string, unknown>;
  switch (t.type) {
    case "HTTP":
      return `HTTP ${String(t.url ?? "")}`;
    case "COMMAND":
      return `Command ${Array.isArray(t.argv) ? t.argv.join(" ") : ""}`;
    case "PROMPT":
      return `Prompt ${String(t.prompt_version_id ?? t.prompt_id ?? "")}${t.label ? ` @${String(t.label)}` : ""}`;
    default:
      return String(t.type ?? "task");
  }
}

export const ACTIVE: ExperimentStatus[] = ["PENDING", "RUNNING"];
