import { CSRF_HEADER, csrfToken, needsCsrf, observeAnswer } from "../auth/session";
import { ApiError, type Problem } from "./client";

/*
 * Calls to paths the OpenAPI document may not describe yet (datasets and prompts are built in parallel
 * with this UI): plain fetch with the same problem-JSON error handling as `unwrap`. Once a path is in
 * the document, prefer the typed `api` client.
 */

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value != null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** `GET`/`POST`/… a JSON (or multipart, for FormData) body; returns the parsed answer or throws an ApiError. */
export async function request<T>(
  method: string,
  path: string,
  opts: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const isForm = opts.body instanceof FormData;
  const token = csrfToken();
  let response: Response;
  try {
    response = await fetch(withQuery(path, opts.query), {
      method,
      signal: opts.signal,
      headers: {
        Accept: "application/json",
        ...(opts.body !== undefined && !isForm ? { "Content-Type": "application/json" } : {}),
        ...(token && needsCsrf(method) ? { [CSRF_HEADER]: token } : {}),
      },
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({ title: "The server did not answer", status: 0, detail: `${e instanceof Error ? e.message : String(e)}. Check that the Assay server is running.` });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text for the problem's detail
  }
  if (response.ok) return body as T;
  observeAnswer(path, response.status, body && typeof body === "object" ? (body as Problem) : null);
  if (body && typeof body === "object" && typeof (body as Problem).title === "string") {
    throw new ApiError({ ...(body as Problem), status: (body as Problem).status ?? response.status });
  }
  throw new ApiError({ title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: typeof body === "string" ? body.slice(0, 300) : undefined });
}

/** An ApiError from anything a call threw. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: e instanceof Error ? e.message : String(e) });
}

/** The default space: the API needs a space id to create prompts and datasets. */
let defaultSpace: Promise<string> | null = null;
export function defaultSpaceId(): Promise<string> {
  defaultSpace ??= request<{ spaces: { id: string }[] }>("GET", "/v2/spaces", { query: { limit: 1 } }).then((r) => {
    const first = r.spaces[0];
    if (!first) throw new ApiError({ title: "No space exists", status: 0 });
    return first.id;
  });
  defaultSpace.catch(() => (defaultSpace = null));
  return defaultSpace;
}
