import type { Message, VariableFormat } from "../api/prompts";

/*
 * The variables a template names, found the way the server's renderer finds them, so the playground can
 * offer a field per variable before anything is sent. The server's render is still the judge of what is
 * missing.
 */

const MUSTACHE = /\{\{\s*([#^/]?)\s*([\w.-]+)\s*\}\}/g;
/** `{name}` but not `{{` (an escaped brace in f-strings). */
const F_STRING = /(?<!\{)\{([A-Za-z_][\w.]*)\}(?!\})/g;

export function templateVariables(messages: Message[], format: VariableFormat | "NONE"): string[] {
  const names = new Set<string>();
  for (const m of messages) {
    const text = m.content ?? "";
    if (format === "MUSTACHE") {
      for (const match of text.matchAll(MUSTACHE)) if (match[1] !== "/" && match[2]) names.add(match[2]);
    } else {
      for (const match of text.matchAll(F_STRING)) if (match[1]) names.add(match[1]);
    }
  }
  return [...names];
}
