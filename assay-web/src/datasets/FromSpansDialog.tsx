import { useState } from "react";
import { api, unwrap, type ApiError } from "../api/client";
import { datasetFromSpans, type WriteResult } from "../api/datasets";
import { asApiError } from "../api/raw";
import { useApi } from "../api/useApi";
import { ErrorState } from "../components/ErrorState";
import { Modal } from "../components/Modal";

const MAX_LIMIT = 10_000;

interface Props {
  /** Started from a project's spans: the project and its current filter and window are fixed. */
  fixed?: { projectId: string; filter?: string; start_time?: string; end_time?: string };
  onClose: () => void;
  onDone: (result: WriteResult) => void;
}

/**
 * Creates a dataset from the spans a filter selects: each span's input and output become an example's
 * input and expected output, linked back to the span.
 */
export function FromSpansDialog({ fixed, onClose, onDone }: Props) {
  const [projectId, setProjectId] = useState(fixed?.projectId ?? "");
  const [filter, setFilter] = useState(fixed?.filter ?? "");
  const [limit, setLimit] = useState("100");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async () => {
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > MAX_LIMIT) {
      setError(asApiError(new Error(`The limit must be a whole number from 1 to ${MAX_LIMIT}`)));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(
        await datasetFromSpans({
          project_id: projectId,
          filter: filter.trim() || undefined,
          start_time: fixed?.start_time,
          end_time: fixed?.end_time,
          limit: max,
          name: name.trim(),
        }),
      );
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="Create a dataset from spans" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {fixed ? (
          <p className="muted">
            The spans of this project that match {fixed.filter ? <code>{fixed.filter}</code> : "no filter"} in the chosen time window.
          </p>
        ) : (
          <div className="form-row">
            <ProjectSelect value={projectId} onChange={setProjectId} />
            <label className="field grow">
              <span className="field-label">Filter</span>
              <input className="mono" aria-label="Span filter" value={filter} placeholder="span_kind = 'LLM'" onChange={(e) => setFilter(e.target.value)} />
            </label>
          </div>
        )}
        <div className="form-row">
          <label className="field grow">
            <span className="field-label">Dataset name</span>
            <input aria-label="Dataset name" value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label className="field">
            <span className="field-label">At most</span>
            <input type="number" min={1} max={MAX_LIMIT} aria-label="Limit" value={limit} onChange={(e) => setLimit(e.target.value)} />
          </label>
        </div>
        {error && <ErrorState what="the dataset (not created)" error={error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !projectId}>
            {busy ? "Creating…" : "Create dataset"}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ProjectSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { state, retry } = useApi((signal) => unwrap(api.GET("/v2/projects", { params: { query: { limit: 100 } }, signal })), []);
  if (state.status === "error") return <ErrorState what="projects" error={state.error} onRetry={retry} compact />;
  return (
    <label className="field">
      <span className="field-label">Project</span>
      <select aria-label="Project" value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">{state.status === "loading" ? "Loading…" : "Choose a project"}</option>
        {state.status === "ok" &&
          state.data.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </select>
    </label>
  );
}
