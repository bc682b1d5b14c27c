import { defaultSpaceId, request } from "./raw";

/* The prompt API (issue 7): AX's prompts, versions and labels, plus Assay's render and run. */

export type Role = "SYSTEM" | "USER" | "ASSISTANT" | "TOOL";
export type VariableFormat = "MUSTACHE" | "F_STRING";
export type TemplateType = "CHAT" | "STR";

export interface Message {
  role: Role;
  content?: string | null;
}

export interface Prompt {
  id: string;
  name: string;
  description?: string | null;
  space_id: string;
  created_at: string;
  updated_at: string;
}

export interface PromptVersion {
  id: string;
  prompt_id: string;
  commit_hash: string;
  commit_message: string;
  messages: Message[];
  input_variable_format: VariableFormat | "NONE";
  provider: string;
  model?: string | null;
  invocation_params?: Record<string, unknown> | null;
  created_at: string;
  labels?: string[];
  version_number?: number;
  template_type?: TemplateType;
}

export interface VersionDraft {
  commit_message: string;
  input_variable_format: VariableFormat;
  template_type?: TemplateType;
  provider: string;
  model?: string;
  messages: Message[];
  invocation_params?: Record<string, unknown>;
}

export interface Rendered {
  messages: Message[];
  variables: string[];
  missing: string[];
}

export interface RunResult {
  messages: Message[];
  output: string | null;
  model: string;
  input_tokens: number;
  output_tokens: number;
  latency_ms: number;
  missing: string[];
}

const enc = encodeURIComponent;

export function listPrompts(q: { name?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return request<{ prompts: Prompt[]; pagination: { next_cursor?: string | null; has_more: boolean } }>("GET", "/v2/prompts", { query: q, signal });
}

export function getPrompt(id: string, signal?: AbortSignal) {
  return request<Prompt & { version?: PromptVersion }>("GET", `/v2/prompts/${enc(id)}`, { signal });
}

export function listPromptVersions(id: string, signal?: AbortSignal) {
  return request<{ prompt_versions?: PromptVersion[]; versions?: PromptVersion[] }>("GET", `/v2/prompts/${enc(id)}/versions`, {
    query: { limit: 100 },
    signal,
  }).then((r) => r.prompt_versions ?? r.versions ?? []);
}

export async function createPrompt(name: string, description: string, version: VersionDraft) {
  const space_id = await defaultSpaceId();
  return request<Prompt & { version: PromptVersion }>("POST", "/v2/prompts", {
    body: { space_id, name, ...(description ? { description } : {}), version },
  });
}

export function createPromptVersion(promptId: string, version: VersionDraft) {
  return request<PromptVersion>("POST", `/v2/prompts/${enc(promptId)}/versions`, { body: version });
}

export function deletePrompt(id: string) {
  return request<unknown>("DELETE", `/v2/prompts/${enc(id)}`);
}

/** Replaces the labels of a version; a label on another version of the prompt moves here. */
export function setLabels(versionId: string, labels: string[]) {
  return request<PromptVersion>("PUT", `/v2/prompt-versions/${enc(versionId)}/labels`, { body: { labels } });
}

export function removeLabel(versionId: string, label: string) {
  return request<unknown>("DELETE", `/v2/prompt-versions/${enc(versionId)}/labels/${enc(label)}`);
}

export function renderVersion(versionId: string, variables: Record<string, string>, signal?: AbortSignal) {
  return request<Rendered>("POST", `/v2/prompt-versions/${enc(versionId)}/render`, { body: { variables }, signal });
}

export function runVersion(versionId: string, body: { variables: Record<string, string>; ai_integration_id: string; model?: string }) {
  return request<RunResult>("POST", `/v2/prompt-versions/${enc(versionId)}/run`, { body });
}
