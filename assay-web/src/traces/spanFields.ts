import type { Span } from "../api/traces";

/*
 * Reading OpenInference attributes from a span's flattened attribute map
 * (`llm.input_messages.0.message.role`, …) into the structures the detail panel shows.
 */

export type Attributes = Record<string, unknown>;

export function attrs(span: Span): Attributes {
  return (span.attributes ?? {}) as Attributes;
}

export function str(a: Attributes, key: string): string | undefined {
  const v = a[key];
  if (v == null) return undefined;
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function num(a: Attributes, key: string): number | undefined {
  const v = a[key];
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** The indexes N present under `<prefix>.N.` in the map, ascending. */
function indexes(a: Attributes, prefix: string): number[] {
  const found = new Set<number>();
  const p = `${prefix}.`;
  for (const key of Object.keys(a)) {
    if (key.startsWith(p)) {
      const n = Number.parseInt(key.slice(p.length), 10);
      if (!Number.isNaN(n)) found.add(n);
    }
  }
  return [...found].sort((x, y) => x - y);
}

export interface ToolCall {
  id?: string;
  name?: string;
  arguments?: string;
}

export interface Message {
  role: string;
  content?: string;
  name?: string;
  toolCallId?: string;
  toolCalls: ToolCall[];
}

/** `llm.input_messages` or `llm.output_messages`, in order. */
export function messages(a: Attributes, which: "input" | "output"): Message[] {
  const base = `llm.${which}_messages`;
  return indexes(a, base).map((n) => {
    const m = `${base}.${n}.message`;
    const contents = indexes(a, `${m}.contents`)
      .map((c) => {
        const part = `${m}.contents.${c}.message_content`;
        const image = str(a, `${part}.image.image.url`);
        return str(a, `${part}.text`) ?? (image != null ? `[image] ${image}` : undefined);
      })
      .filter((t): t is string => t != null);
    return {
      role: str(a, `${m}.role`) ?? "unknown",
      content: str(a, `${m}.content`) ?? (contents.length > 0 ? contents.join("\n") : undefined),
      name: str(a, `${m}.name`),
      toolCallId: str(a, `${m}.tool_call_id`),
      toolCalls: indexes(a, `${m}.tool_calls`).map((t) => {
        const c = `${m}.tool_calls.${t}.tool_call`;
        return { id: str(a, `${c}.id`), name: str(a, `${c}.function.name`), arguments: str(a, `${c}.function.arguments`) };
      }),
    };
  });
}

export interface RetrievedDocument {
  id?: string;
  content?: string;
  score?: number;
  metadata?: string;
}

/** `retrieval.documents` (or `reranker.output_documents`), in order. */
export function documents(a: Attributes, base = "retrieval.documents"): RetrievedDocument[] {
  return indexes(a, base).map((n) => {
    const d = `${base}.${n}.document`;
    return { id: str(a, `${d}.id`), content: str(a, `${d}.content`), score: num(a, `${d}.score`), metadata: str(a, `${d}.metadata`) };
  });
}

export interface Payload {
  value: string;
  mimeType?: string;
}

export function payload(a: Attributes, which: "input" | "output"): Payload | undefined {
  const value = str(a, `${which}.value`);
  return value == null ? undefined : { value, mimeType: str(a, `${which}.mime_type`) };
}

/** Pretty JSON when the value is JSON (by mime type, or when it parses as an object/array); else as is. */
export function pretty(p: Payload): { text: string; json: boolean } {
  const looksJson = p.mimeType === "application/json" || /^\s*[[{]/.test(p.value);
  if (looksJson) {
    try {
      return { text: JSON.stringify(JSON.parse(p.value), null, 2), json: true };
    } catch {
      // Not JSON after all (or cut): show it as sent.
    }
  }
  return { text: p.value, json: false };
}

export interface Tokens {
  prompt?: number;
  completion?: number;
  total?: number;
}

export function tokens(a: Attributes): Tokens {
  const prompt = num(a, "llm.token_count.prompt");
  const completion = num(a, "llm.token_count.completion");
  const total = num(a, "llm.token_count.total") ?? (prompt != null || completion != null ? (prompt ?? 0) + (completion ?? 0) : undefined);
  return { prompt, completion, total };
}

/** The span's cost in USD: the server's `cost_total` (sent, or priced from model and tokens), else the attribute. */
export function cost(span: Span): number | undefined {
  return span.cost_total ?? num(attrs(span), "llm.cost.total");
}

/** Attribute keys the detail panel shows in their own sections; the attributes table still lists them. */
export function flatEntries(a: Attributes): [string, string][] {
  return Object.keys(a)
    .sort()
    .map((key) => [key, str(a, key) ?? ""]);
}

/** The tools an LLM call was offered (`llm.tools.N.tool.json_schema`), as name and schema. */
export function offeredTools(a: Attributes): { name?: string; schema: string }[] {
  return indexes(a, "llm.tools").flatMap((n) => {
    const schema = str(a, `llm.tools.${n}.tool.json_schema`);
    if (schema == null) return [];
    let name: string | undefined;
    try {
      const parsed = JSON.parse(schema) as { name?: string; function?: { name?: string } };
      name = parsed.function?.name ?? parsed.name;
    } catch {
      // A schema that is not JSON is shown as sent.
    }
    return [{ name, schema }];
  });
}

/** `embedding.embeddings.N.embedding.text`: the texts an embedding call embedded. */
export function embeddedTexts(a: Attributes): string[] {
  return indexes(a, "embedding.embeddings")
    .map((n) => str(a, `embedding.embeddings.${n}.embedding.text`))
    .filter((t): t is string => t != null);
}

/** Tags (`tag.tags`, a list) as strings. */
export function tags(a: Attributes): string[] {
  const v = a["tag.tags"];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "string") {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      return [v];
    }
  }
  return indexes(a, "tag.tags").map((n) => str(a, `tag.tags.${n}`) ?? "");
}
