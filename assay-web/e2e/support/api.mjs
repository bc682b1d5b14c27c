// Test data through the real /v2 API of the server under test.
import { randomBytes } from "node:crypto";
import { BASE_URL } from "./browser.mjs";

/** A name no other test (or earlier run against the same server) uses. */
export function uniqueName(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

export async function apiCall(method, path, body) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** Creates a project in the default space and returns it ({id, name, space_id, created_at}). */
export function createProject(name) {
  return apiCall("POST", "/v2/projects", { name });
}

export function projectSummaries(query) {
  return apiCall("GET", `/v2/project-summaries?${new URLSearchParams(query)}`);
}
