import { ApiError, type Problem } from "./client";

/*
 * The evaluator, model and evaluation-result APIs (issue 5): judge templates, saved evaluators and their
 * versions, "test before saving", model configs (AX's AI integrations) and stored results. The shapes
 * follow the issue-5 contract; the pages only use these functions.
 */

export type Granularity = "SPAN" | "TRACE" | "TRAJECTORY" | "SESSION" | "EXAMPLE";
export type Direction = "MAXIMIZE" | "MINIMIZE" | "NONE";
export type SpecKind = "LLM_JUDGE" | "CODE" | "EMBEDDING" | "HTTP" | "COMMAND";
export type Provider = "OPEN_AI" | "AZURE_OPEN_AI" | "ANTHROPIC" | "OLLAMA" | "CUSTOM";

export const CODE_CHECKS = [
  "MATCHES_REGEX", "JSON_PARSEABLE", "CONTAINS_ANY_KEYWORD", "CONTAINS_ALL_KEYWORDS", "EXACT_MATCH",
  "JSON_SCHEMA", "JSON_DISTANCE", "LEVENSHTEIN", "NUMERIC_TOLERANCE", "BLEU", "ROUGE",
  "LATENCY_THRESHOLD", "COST_THRESHOLD", "TOKEN_THRESHOLD", "TOOL_CALLED", "TOOL_ARGS_MATCH",
] as const;
export type CodeCheck = (typeof CODE_CHECKS)[number];

export interface TemplateMessage {
  role: string;
  content: string;
}

export interface JudgeTemplate {
  id: string;
  name: string;
  description: string;
  granularity: Granularity;
  direction: Direction;
  rails: Record<string, number>;
  variables: string[];
  messages: TemplateMessage[];
  explanation_by_default: boolean;
}

export interface ModelRef {
  model_config_id: string;
  model_name: string;
  invocation_parameters?: Record<string, unknown>;
}

interface SpecCommon {
  name: string;
  granularity?: Granularity;
  mappings?: Record<string, string>;
}

export interface JudgeSpec extends SpecCommon {
  kind: "LLM_JUDGE";
  template_id?: string | null;
  messages: TemplateMessage[];
  rails: Record<string, number>;
  direction: Direction;
  include_explanation: boolean;
  use_structured_output: boolean;
  use_function_calling: boolean;
  model?: ModelRef | null;
}

export interface CodeSpec extends SpecCommon {
  kind: "CODE";
  check: CodeCheck;
  variables: string[];
  params: Record<string, unknown>;
  threshold?: number | null;
}

export interface EmbeddingSpec extends SpecCommon {
  kind: "EMBEDDING";
  left?: string;
  right?: string;
  threshold?: number | null;
  model?: ModelRef | null;
}

export interface HttpSpec extends SpecCommon {
  kind: "HTTP";
  url: string;
  headers?: Record<string, string>;
  timeout_ms?: number | null;
}

export interface CommandSpec extends SpecCommon {
  kind: "COMMAND";
  command: string[];
  env?: Record<string, string>;
  timeout_ms?: number | null;
}

export type EvaluatorSpec = JudgeSpec | CodeSpec | EmbeddingSpec | HttpSpec | CommandSpec;

/** `TEMPLATE` is AX's name for an LLM judge. */
export type EvaluatorType = "TEMPLATE" | "CODE" | "EMBEDDING" | "HTTP" | "COMMAND";

export interface Evaluator {
  id: string;
  name: string;
  description?: string | null;
  type: EvaluatorType;
  space_id: string;
  created_at: string;
  updated_at: string;
}

export interface EvaluatorVersion {
  id: string;
  evaluator_id: string;
  version_number: number;
  commit_hash: string;
  commit_message: string | null;
  created_at: string;
  type: EvaluatorType;
  spec: EvaluatorSpec;
}

export interface EvaluatorWithVersion extends Evaluator {
  version: EvaluatorVersion;
}

export interface Pagination {
  next_cursor?: string | null;
  has_more: boolean;
}

export interface TestResult {
  target_kind: string;
  target_id: string;
  input?: string | null;
  output?: string | null;
  label?: string | null;
  score?: number | null;
  explanation?: string | null;
  passed?: boolean | null;
  metadata?: Record<string, unknown> | null;
  error?: string | null;
}

export interface TestResponse {
  results: TestResult[];
  paused_reason?: string | null;
}

export interface AiIntegration {
  id: string;
  name: string;
  provider: Provider;
  has_api_key: boolean;
  base_url?: string | null;
  model_names?: string[] | null;
  headers?: Record<string, string> | null;
  function_calling_enabled: boolean;
  requests_per_minute?: number | null;
  tokens_per_minute?: number | null;
  max_concurrency?: number | null;
  created_at: string;
  updated_at: string;
}

export interface NewAiIntegration {
  name: string;
  provider: Provider;
  api_key?: string;
  base_url?: string;
  model_names: string[];
  function_calling_enabled?: boolean;
  requests_per_minute?: number | null;
  tokens_per_minute?: number | null;
  max_concurrency?: number | null;
}

export interface ModelTestResult {
  model_name: string;
  response_text: string;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
}

export interface StoredEvaluation {
  id: string;
  project_id: string;
  target_kind: string;
  target_id: string;
  name: string;
  identifier?: string | null;
  evaluator_id?: string | null;
  evaluator_version?: number | null;
  label?: string | null;
  score?: number | null;
  explanation?: string | null;
  passed?: boolean | null;
  annotator_kind?: string | null;
  source?: string | null;
  metadata?: Record<string, unknown> | null;
  run_id?: string | null;
  error?: string | null;
  created_at: string;
  updated_at: string;
}

/** One JSON call; a failure becomes an {@link ApiError} carrying the server's problem document. */
async function call<T>(method: string, path: string, options: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: "application/json", ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({
      title: "The server did not answer",
      status: 0,
      detail: `${e instanceof Error ? e.message : String(e)}. Check that the Assay server is running.`,
    });
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (response.ok) return body as T;
  if (body && typeof body === "object" && typeof (body as Problem).title === "string") {
    const problem = body as Problem;
    throw new ApiError({ ...problem, status: problem.status ?? response.status });
  }
  throw new ApiError({
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: typeof body === "string" && body.length > 0 ? body.slice(0, 300) : undefined,
  });
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v != null && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

const seg = encodeURIComponent;

export function listTemplates(signal?: AbortSignal) {
  return call<{ templates: JudgeTemplate[] }>("GET", "/v2/evaluator-templates", { signal });
}

export function listEvaluators(page: { name?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return call<{ evaluators: Evaluator[]; pagination: Pagination }>("GET", `/v2/evaluators${query(page)}`, { signal });
}

export function getEvaluator(id: string, signal?: AbortSignal) {
  return call<EvaluatorWithVersion>("GET", `/v2/evaluators/${seg(id)}`, { signal });
}

export function listVersions(id: string, signal?: AbortSignal) {
  return call<{ evaluator_versions: EvaluatorVersion[]; pagination: Pagination }>(
    "GET", `/v2/evaluators/${seg(id)}/versions${query({ limit: 100 })}`, { signal });
}

export function createEvaluator(body: { name: string; description?: string; type: EvaluatorType; version: { commit_message: string; spec: EvaluatorSpec } }) {
  return call<EvaluatorWithVersion>("POST", "/v2/evaluators", { body });
}

export function createVersion(id: string, body: { commit_message: string; spec: EvaluatorSpec }) {
  return call<EvaluatorVersion>("POST", `/v2/evaluators/${seg(id)}/versions`, { body });
}

export function deleteEvaluator(id: string) {
  return call<void>("DELETE", `/v2/evaluators/${seg(id)}`);
}

export function testEvaluator(body: { project_id: string; spec: EvaluatorSpec; filter?: string; limit?: number }) {
  return call<TestResponse>("POST", "/v2/evaluators/test", { body });
}

export function listModels(signal?: AbortSignal) {
  return call<{ ai_integrations: AiIntegration[]; pagination: Pagination }>("GET", `/v2/ai-integrations${query({ limit: 100 })}`, { signal });
}

export function createModel(body: NewAiIntegration) {
  return call<AiIntegration>("POST", "/v2/ai-integrations", { body });
}

export function deleteModel(id: string) {
  return call<void>("DELETE", `/v2/ai-integrations/${seg(id)}`);
}

export function testModel(id: string, modelName?: string) {
  return call<ModelTestResult>("POST", `/v2/ai-integrations/${seg(id)}/test`, { body: modelName ? { model_name: modelName } : {} });
}

export function listEvaluations(
  q: { project_id: string; target_kind?: string; target_id?: string; limit?: number },
  signal?: AbortSignal,
) {
  return call<{ evaluations: StoredEvaluation[]; pagination: Pagination }>("GET", `/v2/evaluations${query(q)}`, { signal });
}

/** The spec kind of an evaluator type (AX's `TEMPLATE` is an LLM judge). */
export function kindOfType(type: EvaluatorType): SpecKind {
  return type === "TEMPLATE" ? "LLM_JUDGE" : type;
}

export function typeOfKind(kind: SpecKind): EvaluatorType {
  return kind === "LLM_JUDGE" ? "TEMPLATE" : kind;
}

export const KIND_TITLES: Record<SpecKind, string> = {
  LLM_JUDGE: "LLM judge",
  CODE: "Code check",
  EMBEDDING: "Embedding similarity",
  HTTP: "HTTP endpoint",
  COMMAND: "Command",
};
