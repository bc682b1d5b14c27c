import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { triggerRun, type Task } from "../api/tasks";
import { ErrorState } from "../components/ErrorState";

/** AX's default and the usual first backfill's size. */
const DEFAULT_MAX_SPANS = 10_000;

/** `yyyy-MM-ddTHH:mm` in local time, as a datetime-local input holds it. */
function localInput(ms: number): string {
  const d = new Date(ms);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

interface Props {
  task: Task;
  onClose: () => void;
  onTriggered: () => void;
}

/**
 * Starts a backfill run: a data window (default: the last day), at most `max_spans` targets, and whether
 * targets that already have results are evaluated again. A modal <dialog>, so focus stays in it.
 */
export function TriggerDialog({ task, onClose, onTriggered }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const now = Date.now();
  const [from, setFrom] = useState(localInput(now - 24 * 3600 * 1000));
  const [to, setTo] = useState(localInput(now + 60_000));
  const [maxSpans, setMaxSpans] = useState(String(DEFAULT_MAX_SPANS));
  const [override, setOverride] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  const submit = async () => {
    const max = Number(maxSpans);
    if (!Number.isInteger(max) || max < 1) {
      setError(new ApiError({ title: "Max spans must be a whole number of at least 1", status: 0 }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await triggerRun(task.id, {
        data_start_time: new Date(from).toISOString(),
        data_end_time: new Date(to).toISOString(),
        max_spans: max,
        override_evaluations: override,
      });
      onTriggered();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="trigger-title" onCancel={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="trigger-title">Run “{task.name}”</h2>
        <p className="muted">Evaluates the {task.scope.toLowerCase()}s in the window that match the task's filter and sampling.</p>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Data from</span>
            <input type="datetime-local" aria-label="Data from" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label className="field">
            <span className="field-label">Data to</span>
            <input type="datetime-local" aria-label="Data to" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <label className="field">
            <span className="field-label">Max spans</span>
            <input type="number" min={1} aria-label="Max spans" value={maxSpans} onChange={(e) => setMaxSpans(e.target.value)} />
          </label>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} aria-label="Override evaluations" />
          <span>Override evaluations: evaluate again targets that already have results from these evaluator versions</span>
        </label>
        {error && <ErrorState what="the run (not started)" error={error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Starting…" : "Start run"}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
