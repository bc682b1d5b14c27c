import createClient from "openapi-fetch";
import { CSRF_HEADER, csrfToken, needsCsrf, observeAnswer } from "../auth/session";
import type { components, paths } from "./generated/assay-v2";

/**
 * The one API client of the UI: openapi-fetch typed by the `paths` that openapi-typescript generates
 * from the server's OpenAPI document, so a path, parameter or field the server does not define fails
 * the type-check of `npm run build`.
 */
export const api = createClient<paths>({
  baseUrl: "",
  headers: { Accept: "application/json" },
});

/*
 * With authentication on, the browser is signed in by an HttpOnly cookie; every request that changes
 * something also carries the session's CSRF token, and a 401 or a "change your password first" 403
 * sends the UI to the login or change-password page (observeAnswer).
 */
api.use({
  onRequest({ request }) {
    const token = csrfToken();
    if (token && needsCsrf(request.method)) request.headers.set(CSRF_HEADER, token);
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401 || response.status === 403) {
      const problem = await response.clone().json().catch(() => null);
      observeAnswer(new URL(response.url, location.href).pathname, response.status, problem);
    }
    return response;
  },
});

export type Schemas = components["schemas"];

/** An RFC 9457 problem document, as every API error carries. */
export type Problem = Schemas["Problem"];

/** A failed API call: the server's problem document, or one made here when there was no answer. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an {@link ApiError}. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") {
      throw e;
    }
    throw new ApiError({
      title: "The server did not answer",
      status: 0,
      detail: `${e instanceof Error ? e.message : String(e)}. Check that the Assay server is running.`,
    });
  }
  const { data, error, response } = result;
  if (response.ok) {
    return data as T;
  }
  throw new ApiError(asProblem(error, response));
}

function asProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === "object" && typeof (body as Problem).title === "string") {
    const problem = body as Problem;
    return { ...problem, status: problem.status ?? response.status };
  }
  return {
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: typeof body === "string" && body.length > 0 ? body.slice(0, 300) : undefined,
  };
}
