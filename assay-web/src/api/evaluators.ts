import { api, unwrap, type Schemas } from "./client";

/*
 * The evaluator, model and evaluation-result APIs (issue 5): judge templates, saved evaluators and their
 * versions, "test before saving", model configs (AX's AI integrations) and stored results, typed by the
 * server's OpenAPI document. The document types a spec loosely (its common fields plus any others); the
 * kinds below spell out each spec's fields as the server's records define them.
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

export type JudgeTemplate = Schemas["EvaluatorTemplate"];

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
export type EvaluatorType = Schemas["EvaluatorType"];
export type Evaluator = Schemas["Evaluator"];
export type EvaluatorVersion = Schemas["EvaluatorVersion"];
export type EvaluatorWithVersion = Schemas["EvaluatorWithVersion"];
export type TestResponse = Schemas["TryEvaluatorResponse"];
export type TestResult = Schemas["TryEvaluatorResult"];
export type AiIntegration = Schemas["AiIntegration"];
export type NewAiIntegration = Schemas["CreateAiIntegrationRequest"];
export type ModelTestResult = Schemas["ModelTestResult"];
export type StoredEvaluation = Schemas["EvaluationResult"];

/** A version's spec, read as the kind its `kind` names. */
export function specOf(version: EvaluatorVersion): EvaluatorSpec {
  return version.spec as unknown as EvaluatorSpec;
}

function wire(spec: EvaluatorSpec): Schemas["EvaluatorSpec"] {
  return spec as unknown as Schemas["EvaluatorSpec"];
}

export function listTemplates(signal?: AbortSignal) {
  return unwrap(api.GET("/v2/evaluator-templates", { signal }));
}

export function listEvaluators(page: { name?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/evaluators", { params: { query: page }, signal }));
}

export function getEvaluator(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/evaluators/{evaluator_id}", { params: { path: { evaluator_id: id } }, signal }));
}

export function listVersions(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/evaluators/{evaluator_id}/versions", { params: { path: { evaluator_id: id }, query: { limit: 100 } }, signal }));
}

export function createEvaluator(body: { name: string; description?: string; type: EvaluatorType; commit_message: string; spec: EvaluatorSpec }) {
  const { commit_message, spec, ...evaluator } = body;
  return unwrap(api.POST("/v2/evaluators", { body: { ...evaluator, version: { commit_message, spec: wire(spec) } } }));
}

export function createVersion(id: string, body: { commit_message: string; spec: EvaluatorSpec }) {
  return unwrap(api.POST("/v2/evaluators/{evaluator_id}/versions", {
    params: { path: { evaluator_id: id } }, body: { commit_message: body.commit_message, spec: wire(body.spec) },
  }));
}

export function deleteEvaluator(id: string) {
  return unwrap(api.DELETE("/v2/evaluators/{evaluator_id}", { params: { path: { evaluator_id: id } } }));
}

export function testEvaluator(body: { project_id: string; spec: EvaluatorSpec; filter?: string; limit: number }) {
  return unwrap(api.POST("/v2/evaluators/test", { body: { ...body, spec: wire(body.spec) } }));
}

export function listModels(signal?: AbortSignal) {
  return unwrap(api.GET("/v2/ai-integrations", { params: { query: { limit: 100 } }, signal }));
}

export function createModel(body: NewAiIntegration) {
  return unwrap(api.POST("/v2/ai-integrations", { body }));
}

export function deleteModel(id: string) {
  return unwrap(api.DELETE("/v2/ai-integrations/{integration_id}", { params: { path: { integration_id: id } } }));
}

export function testModel(id: string, modelName?: string) {
  return unwrap(api.POST("/v2/ai-integrations/{integration_id}/test", {
    params: { path: { integration_id: id } }, body: modelName ? { model_name: modelName } : {},
  }));
}

export function listEvaluations(
  q: { project_id: string; target_kind?: StoredEvaluation["target_kind"]; target_id?: string; limit?: number },
  signal?: AbortSignal,
) {
  return unwrap(api.GET("/v2/evaluations", { params: { query: q }, signal }));
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
