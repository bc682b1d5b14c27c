import type { Span } from "../api/traces";
import { durationMs } from "../format";
import { attrs, cost, documents, messages, num, offeredTools, str, tokens, type Attributes } from "../traces/spanFields";

/*
 * The subject fields a variable can bind to (the server's VariableBinder names), and a preview of what a
 * mapping reads from one sample span. The preview follows the server's rules for a span subject; the
 * server binds the real values when the evaluator runs.
 */

export const SUBJECT_FIELDS: { name: string; about: string }[] = [
  { name: "input", about: "the input (input.value)" },
  { name: "output", about: "the output (output.value)" },
  { name: "reference", about: "the expected output (alias expected)" },
  { name: "context", about: "retrieved documents as numbered text" },
  { name: "document_text", about: "the first retrieved document" },
  { name: "messages", about: "the chat messages" },
  { name: "conversation", about: "a session's turns" },
  { name: "tool_calls", about: "the tool calls made" },
  { name: "tool_selection", about: "alias of tool_calls" },
  { name: "available_tools", about: "the tools offered" },
  { name: "tool_call", about: "the first tool call" },
  { name: "tool_result", about: "a tool's result" },
  { name: "steps", about: "a trajectory's numbered steps" },
  { name: "trajectory", about: "alias of steps" },
  { name: "user_message", about: "the last user message" },
  { name: "text", about: "the output, else the input" },
  { name: "span_kind", about: "the span kind" },
  { name: "status_code", about: "OK, ERROR or UNSET" },
  { name: "latency_ms", about: "latency in milliseconds" },
  { name: "total_tokens", about: "total tokens" },
  { name: "cost", about: "cost in USD" },
  { name: "metadata", about: "the metadata object" },
  { name: "attributes", about: "every attribute" },
];

/** The choices for a mapping: the named fields, then `attributes.<key>` for each key of the sample span. */
export function mappingChoices(span: Span | undefined): string[] {
  const keys = span ? Object.keys(attrs(span)).sort().map((k) => `attributes.${k}`) : [];
  return [...SUBJECT_FIELDS.map((f) => f.name), ...keys];
}

/** What `field` reads from the span, as text; undefined when the span has nothing there. */
export function previewValue(span: Span, field: string): string | undefined {
  const a = attrs(span);
  const f = field.trim();
  if (f.startsWith("attributes.")) return text(a[f.slice("attributes.".length)]);
  if (f.startsWith("metadata.")) return text(metadataObject(a)?.[f.slice("metadata.".length)]);
  const path = /^(input|output|reference|expected)\.\$(.*)$/.exec(f);
  if (path) {
    const source = path[1] === "expected" ? "reference" : path[1];
    return jsonPath(str(a, `${source}.value`), path[2] ?? "");
  }
  const input = str(a, "input.value");
  const output = str(a, "output.value");
  const inputMessages = messages(a, "input");
  const outputMessages = messages(a, "output");
  const calls = outputMessages.flatMap((m) => m.toolCalls).map((c) => ({ name: c.name, arguments: c.arguments }));
  switch (f) {
    case "input":
      return input ?? inputMessages.at(-1)?.content;
    case "output":
      return output ?? outputMessages.at(-1)?.content;
    case "text":
      return output ?? input;
    case "reference":
    case "expected":
      return str(a, "reference.value") ?? str(a, "reference");
    case "context": {
      const docs = documents(a);
      return docs.length === 0 ? undefined : docs.map((d, i) => `[${i + 1}] ${d.content ?? ""}`).join("\n");
    }
    case "document_text":
      return documents(a)[0]?.content;
    case "messages":
      return inputMessages.length + outputMessages.length === 0 ? undefined
        : JSON.stringify([...inputMessages, ...outputMessages].map((m) => ({ role: m.role, content: m.content })));
    case "tool_calls":
    case "tool_selection":
      return calls.length === 0 ? undefined : JSON.stringify(calls);
    case "tool_call":
      return calls.length === 0 ? undefined : JSON.stringify(calls[0]);
    case "available_tools": {
      const tools = offeredTools(a);
      return tools.length === 0 ? undefined : JSON.stringify(tools.map((t) => t.name));
    }
    case "tool_result":
      return span.kind === "TOOL" ? output : undefined;
    case "user_message":
      return [...inputMessages].reverse().find((m) => m.role === "user")?.content ?? input;
    case "span_kind":
      return span.kind;
    case "status_code":
      return span.status_code ?? undefined;
    case "latency_ms":
      return String(Math.round(durationMs(span.start_time, span.end_time)));
    case "total_tokens":
      return text(tokens(a).total);
    case "cost":
      return text(cost(span) ?? num(a, "llm.cost.total"));
    case "metadata":
      return text(a.metadata);
    case "attributes":
      return JSON.stringify(a);
    default:
      return undefined;
  }
}

function text(v: unknown): string | undefined {
  if (v == null) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}

function metadataObject(a: Attributes): Record<string, unknown> | undefined {
  const m = a.metadata;
  if (m && typeof m === "object") return m as Record<string, unknown>;
  if (typeof m === "string") {
    try {
      const parsed: unknown = JSON.parse(m);
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A simple JSONPath (`$.a.b[0].c`) into JSON text; enough for a preview. */
function jsonPath(json: string | undefined, path: string): string | undefined {
  if (json == null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (value == null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part.replace(/^['"]|['"]$/g, "")];
  }
  return text(value);
}
