import { useState } from "react";
import type { ApiError } from "../api/client";
import { removeLabel, setLabels, type PromptVersion } from "../api/prompts";
import { asApiError } from "../api/raw";
import { ErrorState } from "../components/ErrorState";

interface Props {
  version: PromptVersion;
  onChanged: () => void;
}

/** The labels of one version: remove one, or set one here (a label on another version moves to this one). */
export function LabelEditor({ version, onChanged }: Props) {
  const [label, setLabel] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const labels = version.labels ?? [];
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setLabel("");
      onChanged();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <div className="label-editor">
      <ul className="tag-list" aria-label="Labels of this version">
        {labels.map((l) => (
          <li key={l} className="label-chip">
            {l}
            <button type="button" className="chip-remove" aria-label={`Remove label ${l}`} onClick={() => void run(() => removeLabel(version.id, l))}>
              ×
            </button>
          </li>
        ))}
        {labels.length === 0 && <li className="muted">No labels</li>}
      </ul>
      <form
        className="inline-controls"
        onSubmit={(e) => {
          e.preventDefault();
          const name = label.trim();
          if (name && !labels.includes(name)) void run(() => setLabels(version.id, [...labels, name]));
        }}
      >
        <input aria-label="Label" list="known-labels" placeholder="production" value={label} onChange={(e) => setLabel(e.target.value)} />
        <datalist id="known-labels">
          <option value="production" />
          <option value="staging" />
          <option value="development" />
        </datalist>
        <button type="submit" className="button" disabled={!label.trim()}>
          Set label
        </button>
      </form>
      {error && <ErrorState what="the label change" error={error} />}
    </div>
  );
}
