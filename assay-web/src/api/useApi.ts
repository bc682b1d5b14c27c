import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./client";

/** What a view shows while it loads data: loading, an error (with retry), or the data. */
export type Loadable<T> =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | { status: "ok"; data: T };

/**
 * Runs `load` when the component mounts and whenever `deps` change, aborting the previous call;
 * `retry` runs it again. Results of an aborted call are dropped.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<Loadable<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ status: "ok", data });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ status: "error", error: error instanceof ApiError ? error : unexpected(error) });
        }
      },
    );
    return () => controller.abort();
    // The caller names what load depends on in deps.
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

function unexpected(error: unknown): ApiError {
  return new ApiError({ title: "Unexpected error", status: 0, detail: error instanceof Error ? error.message : String(error) });
}
