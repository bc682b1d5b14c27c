import { api, unwrap, type Schemas } from "./client";
import { defaultSpaceId } from "./raw";

/* The prompt API (issue 7): AX's prompts, versions and labels, plus Assay's render and run. */

export type Prompt = Schemas["Prompt"];
export type PromptVersion = Schemas["PromptVersion"];
export type Message = Schemas["LLMMessage"];
export type Role = Message["role"];
export type VariableFormat = "MUSTACHE" | "F_STRING";
export type TemplateType = Schemas["PromptTemplateType"];
export type VersionDraft = Schemas["PromptVersionCreateRequest"];
export type Rendered = Schemas["RenderedPrompt"];
export type RunResult = Schemas["PromptRunResult"];

const prompt = (id: string) => ({ path: { prompt_id: id } });
const version = (id: string) => ({ path: { version_id: id } });

export function listPrompts(q: { name?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/prompts", { params: { query: q }, signal }));
}

export function getPrompt(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/prompts/{prompt_id}", { params: prompt(id), signal }));
}

export function getPromptVersion(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/prompt-versions/{version_id}", { params: version(id), signal }));
}

export function listPromptVersions(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/prompts/{prompt_id}/versions", { params: { ...prompt(id), query: { limit: 100 } }, signal })).then((r) => r.prompt_versions);
}

export async function createPrompt(name: string, description: string, draft: VersionDraft) {
  const space_id = await defaultSpaceId();
  return unwrap(api.POST("/v2/prompts", { body: { space_id, name, ...(description ? { description } : {}), version: draft } }));
}

export function createPromptVersion(promptId: string, draft: VersionDraft) {
  return unwrap(api.POST("/v2/prompts/{prompt_id}/versions", { params: prompt(promptId), body: draft }));
}

export function deletePrompt(id: string) {
  return unwrap(api.DELETE("/v2/prompts/{prompt_id}", { params: prompt(id) }));
}

/** Replaces the labels of a version; a label on another version of the prompt moves here. */
export function setLabels(versionId: string, labels: string[]) {
  return unwrap(api.PUT("/v2/prompt-versions/{version_id}/labels", { params: version(versionId), body: { labels } }));
}

export function removeLabel(versionId: string, label: string) {
  return unwrap(api.DELETE("/v2/prompt-versions/{version_id}/labels/{label_name}", { params: { path: { version_id: versionId, label_name: label } } }));
}

export function renderVersion(versionId: string, variables: Record<string, string>, signal?: AbortSignal) {
  return unwrap(api.POST("/v2/prompt-versions/{version_id}/render", { params: version(versionId), body: { variables }, signal }));
}

export function runVersion(versionId: string, body: { variables: Record<string, string>; ai_integration_id: string; model?: string }) {
  return unwrap(api.POST("/v2/prompt-versions/{version_id}/run", { params: version(versionId), body }));
}
