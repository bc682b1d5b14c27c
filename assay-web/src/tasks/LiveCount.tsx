import { useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { countTargets, targetNoun, type TargetCount, type TaskScope } from "../api/tasks";
import { formatCount } from "../format";

/** The window the live count looks at: the last week, what a first backfill usually covers. */
const WINDOW_MS = 7 * 24 * 3600 * 1000;
const DEBOUNCE_MS = 400;

interface Props {
  projectId: string;
  scope: TaskScope;
  filter: string;
  samplingRate: number | null;
}

/**
 * How many targets the task's filter matches in the last 7 days, and how many of them its sampling
 * keeps; counted by the server (`POST /v2/tasks/count`) a moment after the last change.
 */
export function LiveCount({ projectId, scope, filter, samplingRate }: Props) {
  const [count, setCount] = useState<TargetCount | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (samplingRate == null) return;
    const controller = new AbortController();
    setBusy(true);
    const timer = setTimeout(() => {
      const now = Date.now();
      countTargets(
        {
          project_id: projectId, scope, query_filter: filter.trim() || null, sampling_rate: samplingRate,
          data_start_time: new Date(now - WINDOW_MS).toISOString(), data_end_time: new Date(now).toISOString(),
        },
        controller.signal,
      ).then(
        (c) => {
          setCount(c);
          setError(null);
          setBusy(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
          setBusy(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [projectId, scope, filter, samplingRate]);
  const noun = (n: number) => targetNoun(scope, n);
  return (
    <div className="live-count" role="status" aria-label="Matching targets" aria-busy={busy}>
      {error ? (
        <span className="error-text">
          <strong>{error.problem.title}</strong>
          {error.problem.detail && <>: {error.problem.detail}</>}
        </span>
      ) : count ? (
        <>
          <strong className="count-figure">{formatCount(count.matching)}</strong> matching {noun(count.matching)}
          {!count.exact && " (at least)"} in the last 7 days · <strong className="count-figure">{formatCount(count.sampled)}</strong>{" "}
          sampled
        </>
      ) : (
        <span className="muted">Counting matching {noun(2)}…</span>
      )}
      {busy && count && <span className="spinner" aria-hidden="true" />}
    </div>
  );
}
