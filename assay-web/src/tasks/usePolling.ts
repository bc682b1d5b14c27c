import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";

/**
 * Loads `load` on mount and when `deps` change, and again every `intervalMs` while `active(data)` holds
 * (a run is going). Unlike useApi, a reload keeps the data on screen, so the page does not flicker.
 */
export function usePolling<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  active: (data: T) => boolean,
  intervalMs = 1000,
) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const activeRef = useRef(active);
  activeRef.current = active;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      loadRef.current(controller.signal).then(
        (next) => {
          if (controller.signal.aborted) return;
          setData(next);
          setError(null);
          if (activeRef.current(next)) timer = setTimeout(run, intervalMs);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
        },
      );
    };
    run();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
    // The caller names what load depends on in deps.
  }, [...deps, version, intervalMs]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}
