/*
 * The browser session as the fetch layer sees it: the CSRF token (kept in memory only, never in
 * localStorage, so a script injected later cannot read it from storage) and the signals that send the
 * UI back to the login or change-password page. The session cookie itself is HttpOnly: no script sees it.
 */

let csrf: string | null = null;

/** The CSRF token of the signed-in session, sent as `X-CSRF-Token` on every non-GET request. */
export function csrfToken(): string | null {
  return csrf;
}

export function setCsrfToken(token: string | null | undefined) {
  csrf = token ?? null;
}

export const CSRF_HEADER = "X-CSRF-Token";

/** GET and HEAD change nothing, so the server asks no CSRF token for them. */
export function needsCsrf(method: string): boolean {
  const m = method.toUpperCase();
  return m !== "GET" && m !== "HEAD";
}

/** What an API answer tells the whole UI: the session is gone, or the password must change first. */
export type AuthSignal = "signed-out" | "must-change-password";

const listeners = new Set<(signal: AuthSignal) => void>();

export function onAuthSignal(listener: (signal: AuthSignal) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Called by the fetch layer for every answer. The /auth endpoints answer their own forms (a wrong
 * password is a 401 the login form shows), so only other paths raise a signal.
 */
export function observeAnswer(path: string, status: number, problem: { title?: string; detail?: string } | null) {
  if (path.startsWith("/auth/") || listeners.size === 0) return;
  let signal: AuthSignal | null = null;
  if (status === 401) {
    signal = "signed-out";
  } else if (status === 403 && /change your password/i.test(`${problem?.title ?? ""} ${problem?.detail ?? ""}`)) {
    signal = "must-change-password";
  }
  if (signal) {
    for (const listener of [...listeners]) listener(signal);
  }
}
