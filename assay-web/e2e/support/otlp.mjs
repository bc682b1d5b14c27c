// Sending spans the way an instrumented application does: OTLP/JSON to POST /v1/traces, the project
// named in the x-project-name header (created on first use).
import { randomBytes } from "node:crypto";
import { BASE_URL } from "./browser.mjs";
import { apiCall } from "./api.mjs";

export const hexId = (bytes) => randomBytes(bytes).toString("hex");

/** An OTLP AnyValue for a JS value. */
function anyValue(value) {
  if (typeof value === "string") return { stringValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (typeof value === "boolean") return { boolValue: value };
  if (Number.isInteger(value)) return { intValue: String(value) };
  if (typeof value === "number") return { doubleValue: value };
  throw new Error(`no OTLP value for ${JSON.stringify(value)}`);
}

export const keyValues = (attributes) =>
  Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));

const nanos = (ms) => `${BigInt(Math.round(ms)) * 1_000_000n}`;

/**
 * An OTLP span. `startMs`/`endMs` are epoch milliseconds; `error` is a status message (status ERROR);
 * `events` are `{name, timeMs, attributes}`.
 */
export function otlpSpan({ traceId, spanId, parentId, name, startMs, endMs, attributes = {}, error, events = [] }) {
  return {
    traceId,
    spanId,
    ...(parentId ? { parentSpanId: parentId } : {}),
    name,
    kind: 1,
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(endMs),
    attributes: keyValues(attributes),
    events: events.map((e) => ({ name: e.name, timeUnixNano: nanos(e.timeMs), attributes: keyValues(e.attributes ?? {}) })),
    status: error ? { code: 2, message: error } : { code: 1 },
  };
}

/** Posts spans to /v1/traces for a project and returns that project as /v2/project-summaries lists it. */
export async function sendSpans(projectName, spans) {
  const body = {
    resourceSpans: [{
      resource: { attributes: keyValues({ "service.name": "e2e-agent" }) },
      scopeSpans: [{ scope: { name: "e2e" }, spans }],
    }],
  };
  const response = await fetch(`${BASE_URL}/v1/traces`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-project-name": projectName },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST /v1/traces answered ${response.status}: ${text}`);
  }
  if (text.includes("rejectedSpans") && !/"rejectedSpans"\s*:\s*"?0"?/.test(text)) {
    throw new Error(`POST /v1/traces rejected spans: ${text}`);
  }
  const { project_summaries: found } = await apiCall("GET", `/v2/project-summaries?${new URLSearchParams({ name: projectName })}`);
  const project = found.find((p) => p.name === projectName);
  if (!project) {
    throw new Error(`project ${projectName} did not appear after ingest`);
  }
  return project;
}
