import { useState } from "react";
import { ApiError } from "../api/client";
import { uploadDataset, type WriteResult } from "../api/datasets";
import { asApiError, defaultSpaceId } from "../api/raw";
import { ErrorState } from "../components/ErrorState";
import { compactJson } from "../components/JsonValue";
import { Modal } from "../components/Modal";
import { formatOf, guessKeys, previewFile, type FilePreview } from "./fileColumns";

type Role = "input" | "output" | "metadata" | "split" | "ignore";

interface Props {
  /** Append to this dataset instead of creating one. */
  datasetId?: string;
  onClose: () => void;
  onDone: (result: WriteResult) => void;
}

/**
 * Uploads a CSV, JSONL or JSON file: each column becomes an input, output (expected) or metadata key, the
 * split, or is ignored; the first rows preview the examples the choice makes.
 */
export function UploadDialog({ datasetId, onClose, onDone }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [roles, setRoles] = useState<Record<string, Role>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setError(null);
    if (!chosen) return;
    if (!name) setName(chosen.name.replace(/\.[^.]+$/, ""));
    try {
      const p = previewFile(await chosen.text(), formatOf(chosen.name));
      const guess = guessKeys(p.columns);
      setPreview(p);
      setRoles(Object.fromEntries(p.columns.map((c) => [c, guess.output.includes(c) ? "output" : guess.metadata.includes(c) ? (/^splits?$/i.test(c) ? "split" : "metadata") : "input"])));
    } catch (e) {
      setError(new ApiError({ title: "Cannot read this file", status: 0, detail: e instanceof Error ? e.message : String(e) }));
    }
  };
  const keys = (role: Role) => Object.entries(roles).filter(([, r]) => r === role).map(([c]) => c);

  const submit = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.set("file", file);
      if (datasetId) form.set("dataset_id", datasetId);
      else {
        form.set("name", name.trim());
        form.set("space_id", await defaultSpaceId());
      }
      form.set("format", preview.format);
      form.set("input_keys", keys("input").join(","));
      form.set("output_keys", keys("output").join(","));
      form.set("metadata_keys", keys("metadata").join(","));
      const split = keys("split")[0];
      if (split) form.set("split_key", split);
      onDone(await uploadDataset(form));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = (row: Record<string, unknown>, role: Role) => Object.fromEntries(keys(role).map((k) => [k, row[k]]));
  return (
    <Modal title={datasetId ? "Append examples from a file" : "Upload a dataset"} onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-row">
          <label className="field grow">
            <span className="field-label">File (CSV, JSONL or JSON)</span>
            <input type="file" aria-label="File" accept=".csv,.jsonl,.ndjson,.json" onChange={(e) => void choose(e.target.files?.[0] ?? null)} required />
          </label>
          {!datasetId && (
            <label className="field grow">
              <span className="field-label">Name</span>
              <input aria-label="Dataset name" value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
          )}
        </div>
        {preview && (
          <>
            <fieldset className="field">
              <legend className="field-label">Columns ({preview.format.toUpperCase()})</legend>
              <ul className="column-roles">
                {preview.columns.map((c) => (
                  <li key={c}>
                    <code>{c}</code>
                    <select aria-label={`Role of ${c}`} value={roles[c]} onChange={(e) => setRoles({ ...roles, [c]: e.target.value as Role })}>
                      <option value="input">input</option>
                      <option value="output">expected output</option>
                      <option value="metadata">metadata</option>
                      <option value="split">split</option>
                      <option value="ignore">ignore</option>
                    </select>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div className="table-wrap">
              <table className="data-table dense" aria-label="Preview">
                <thead>
                  <tr>
                    <th scope="col">Input</th>
                    <th scope="col">Expected output</th>
                    <th scope="col">Metadata</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row, i) => (
                    <tr key={i}>
                      {(["input", "output", "metadata"] as const).map((role) => (
                        <td key={role}><code className="json-compact">{compactJson(pick(row, role), 60)}</code></td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {error && <ErrorState what="the upload (nothing was stored)" error={error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !preview || keys("input").length === 0}>
            {busy ? "Uploading…" : "Upload"}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
