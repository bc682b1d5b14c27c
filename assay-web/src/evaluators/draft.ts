import type {
  CodeCheck, Direction, EvaluatorSpec, Granularity, JudgeTemplate, ModelRef, SpecKind, TemplateMessage,
} from "../api/evaluators";

/*
 * The create/edit form's state and its conversion to and from an EvaluatorSpec. Free-text parts (rails,
 * params, headers, the command) are kept as the text the user typed and parsed on save/test, so a
 * half-typed value never loses what was entered; a parse failure becomes a message next to the buttons.
 */

export interface Draft {
  kind: SpecKind;
  resultName: string;
  granularity: Granularity;
  mappings: Record<string, string>;
  // LLM_JUDGE
  templateId: string | null;
  messages: TemplateMessage[];
  railsText: string;
  direction: Direction;
  includeExplanation: boolean;
  model: ModelRef | null;
  // CODE
  check: CodeCheck;
  variablesText: string;
  paramsText: string;
  thresholdText: string;
  // EMBEDDING (+ thresholdText, model)
  left: string;
  right: string;
  // HTTP
  url: string;
  headersText: string;
  timeoutText: string;
  // COMMAND
  commandText: string;
  envText: string;
}

/** What each built-in check reads by default, and the parameters it takes (edited as JSON). */
export const CHECK_DEFAULTS: Record<CodeCheck, { variables: string[]; params: Record<string, unknown> }> = {
  MATCHES_REGEX: { variables: ["output"], params: { pattern: "" } },
  JSON_PARSEABLE: { variables: ["output"], params: {} },
  CONTAINS_ANY_KEYWORD: { variables: ["output"], params: { keywords: [], case_sensitive: false } },
  CONTAINS_ALL_KEYWORDS: { variables: ["output"], params: { keywords: [], case_sensitive: false } },
  EXACT_MATCH: { variables: ["output", "reference"], params: {} },
  JSON_SCHEMA: { variables: ["output"], params: { schema: { type: "object" } } },
  JSON_DISTANCE: { variables: ["output", "reference"], params: {} },
  LEVENSHTEIN: { variables: ["output", "reference"], params: {} },
  NUMERIC_TOLERANCE: { variables: ["output", "reference"], params: { tolerance: 0.01, relative: false } },
  BLEU: { variables: ["output", "reference"], params: {} },
  ROUGE: { variables: ["output", "reference"], params: { variant: "rougeL" } },
  LATENCY_THRESHOLD: { variables: ["latency_ms"], params: { max: 1000 } },
  COST_THRESHOLD: { variables: ["cost"], params: { max: 0.01 } },
  TOKEN_THRESHOLD: { variables: ["total_tokens"], params: { max: 4000 } },
  // The tool checks read the subject's tool calls and its trajectory's TOOL steps, not variables.
  TOOL_CALLED: { variables: [], params: { tool: "" } },
  TOOL_ARGS_MATCH: { variables: [], params: { tool: "", args: {} } },
};

export function emptyDraft(kind: SpecKind = "LLM_JUDGE"): Draft {
  return {
    kind,
    resultName: "",
    granularity: "SPAN",
    mappings: {},
    templateId: null,
    messages: [{ role: "user", content: "Input: {input}\nOutput: {output}\n\nIs the output correct? Answer with one label." }],
    railsText: "correct: 1\nincorrect: 0",
    direction: "MAXIMIZE",
    includeExplanation: true,
    model: null,
    check: "JSON_PARSEABLE",
    variablesText: CHECK_DEFAULTS.JSON_PARSEABLE.variables.join(", "),
    paramsText: JSON.stringify(CHECK_DEFAULTS.JSON_PARSEABLE.params, null, 2),
    thresholdText: "",
    left: "output",
    right: "reference",
    url: "",
    headersText: "",
    timeoutText: "",
    commandText: "",
    envText: "",
  };
}

export function draftFromTemplate(t: JudgeTemplate): Draft {
  return {
    ...emptyDraft("LLM_JUDGE"),
    resultName: t.id,
    granularity: t.granularity as Granularity,
    templateId: t.id,
    messages: t.messages.map((m) => ({ ...m })),
    railsText: railsToText(t.rails),
    direction: t.direction,
    includeExplanation: t.explanation_by_default,
  };
}

export function draftFromSpec(spec: EvaluatorSpec): Draft {
  const base = { ...emptyDraft(spec.kind), resultName: spec.name, granularity: spec.granularity ?? "SPAN", mappings: { ...(spec.mappings ?? {}) } };
  switch (spec.kind) {
    case "LLM_JUDGE":
      return {
        ...base, templateId: spec.template_id ?? null, messages: spec.messages.map((m) => ({ ...m })),
        railsText: railsToText(spec.rails), direction: spec.direction, includeExplanation: spec.include_explanation,
        model: spec.model ?? null,
      };
    case "CODE":
      return {
        ...base, check: spec.check, variablesText: spec.variables.join(", "),
        paramsText: JSON.stringify(spec.params ?? {}, null, 2), thresholdText: spec.threshold != null ? String(spec.threshold) : "",
      };
    case "EMBEDDING":
      return {
        ...base, left: spec.left ?? "output", right: spec.right ?? "reference",
        thresholdText: spec.threshold != null ? String(spec.threshold) : "", model: spec.model ?? null,
      };
    case "HTTP":
      return { ...base, url: spec.url, headersText: pairsToText(spec.headers), timeoutText: spec.timeout_ms != null ? String(spec.timeout_ms) : "" };
    case "COMMAND":
      return { ...base, commandText: spec.command.join("\n"), envText: pairsToText(spec.env), timeoutText: spec.timeout_ms != null ? String(spec.timeout_ms) : "" };
  }
}

/** A draft switched to another check: its default variables and parameters. */
export function withCheck(draft: Draft, check: CodeCheck): Draft {
  const d = CHECK_DEFAULTS[check];
  return { ...draft, check, variablesText: d.variables.join(", "), paramsText: JSON.stringify(d.params, null, 2) };
}

/** The `{variable}` placeholders of judge messages, in order of first use (`{{` and `}}` are literal braces). */
export function templateVariables(messages: TemplateMessage[]): string[] {
  const found: string[] = [];
  for (const m of messages) {
    const text = m.content.replace(/\{\{|\}\}/g, "");
    for (const match of text.matchAll(/\{([^{}\s]+)\}/g)) {
      const v = match[1] ?? "";
      if (v && !found.includes(v)) found.push(v);
    }
  }
  return found;
}

/** The variables the draft binds (the mapping table's rows). */
export function draftVariables(draft: Draft): string[] {
  switch (draft.kind) {
    case "LLM_JUDGE":
      return templateVariables(draft.messages);
    case "CODE":
      return list(draft.variablesText);
    case "EMBEDDING":
      return [draft.left, draft.right].filter((v) => v.trim() !== "");
    default:
      return [];
  }
}

export class DraftError extends Error {}

/** The spec the draft describes; a DraftError says which part is not valid yet. */
export function toSpec(draft: Draft): EvaluatorSpec {
  const name = draft.resultName.trim();
  if (!name) throw new DraftError("Give the result a name (the evaluation name written on each result).");
  const variables = draftVariables(draft);
  const mappings = Object.fromEntries(
    Object.entries(draft.mappings).filter(([v, to]) => variables.includes(v) && to.trim() !== "" && to.trim() !== v).map(([v, to]) => [v, to.trim()]),
  );
  const common = { name, granularity: draft.granularity, mappings };
  switch (draft.kind) {
    case "LLM_JUDGE": {
      const rails = textToRails(draft.railsText);
      if (draft.messages.every((m) => m.content.trim() === "")) throw new DraftError("The judge needs at least one message.");
      return {
        ...common, kind: "LLM_JUDGE", template_id: draft.templateId, messages: draft.messages, rails,
        direction: draft.direction, include_explanation: draft.includeExplanation, use_structured_output: true,
        use_function_calling: true, model: draft.model,
      };
    }
    case "CODE": {
      let params: unknown;
      try {
        params = draft.paramsText.trim() === "" ? {} : JSON.parse(draft.paramsText);
      } catch (e) {
        throw new DraftError(`Parameters are not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (params == null || typeof params !== "object" || Array.isArray(params)) throw new DraftError("Parameters must be a JSON object.");
      return {
        ...common, kind: "CODE", check: draft.check, variables, params: params as Record<string, unknown>,
        threshold: optionalNumber(draft.thresholdText, "Threshold"),
      };
    }
    case "EMBEDDING":
      return {
        ...common, kind: "EMBEDDING", left: draft.left.trim() || "output", right: draft.right.trim() || "reference",
        threshold: optionalNumber(draft.thresholdText, "Threshold"), model: draft.model,
      };
    case "HTTP":
      if (!/^https?:\/\//.test(draft.url.trim())) throw new DraftError("The URL must start with http:// or https://.");
      return { ...common, kind: "HTTP", url: draft.url.trim(), headers: textToPairs(draft.headersText, "Headers"), timeout_ms: optionalNumber(draft.timeoutText, "Timeout") };
    case "COMMAND": {
      const command = draft.commandText.split("\n").map((s) => s.trim()).filter(Boolean);
      if (command.length === 0) throw new DraftError("Give the program to run (one argument per line).");
      return { ...common, kind: "COMMAND", command, env: textToPairs(draft.envText, "Environment"), timeout_ms: optionalNumber(draft.timeoutText, "Timeout") };
    }
  }
}

function list(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

function optionalNumber(text: string, what: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  if (Number.isNaN(n)) throw new DraftError(`${what} must be a number.`);
  return n;
}

export function railsToText(rails: Record<string, number>): string {
  return Object.entries(rails).map(([label, score]) => `${label}: ${score}`).join("\n");
}

export function textToRails(text: string): Record<string, number> {
  const rails: Record<string, number> = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const at = line.lastIndexOf(":");
    const label = at > 0 ? line.slice(0, at).trim() : "";
    const score = at > 0 ? Number(line.slice(at + 1)) : Number.NaN;
    if (!label || Number.isNaN(score)) throw new DraftError(`Rails: write each as “label: score” (“${line}” is not).`);
    rails[label] = score;
  }
  if (Object.keys(rails).length < 2) throw new DraftError("Rails: a judge needs at least two labels.");
  return rails;
}

function pairsToText(pairs: Record<string, string> | undefined): string {
  return Object.entries(pairs ?? {}).map(([k, v]) => `${k}: ${v}`).join("\n");
}

function textToPairs(text: string, what: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(":");
    if (at <= 0) throw new DraftError(`${what}: write each as “name: value” (“${line}” is not).`);
    pairs[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return pairs;
}
