import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { ApiError } from "../api/client";
import { deleteDataset, deleteExamples, exportUrl, getDataset, listExamples, listSplits, listVersions, type Dataset, type DatasetVersion } from "../api/datasets";
import { asApiError } from "../api/raw";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { ExamplesTable } from "../datasets/ExamplesTable";
import { UploadDialog } from "../datasets/UploadDialog";
import { formatCount, formatTime } from "../format";
import { datasetPath, experimentsPath } from "../urls";

/** One dataset: a version picker (`?version=`), a split filter (`?split=`), its examples, export and delete. */
export function DatasetPage() {
  const datasetId = useParams().datasetId!;
  const [changes, setChanges] = useState(0);
  const { state, retry } = useApi(
    async (signal) => {
      const [dataset, versions] = await Promise.all([getDataset(datasetId, signal), listVersions(datasetId, signal)]);
      return { dataset, versions };
    },
    [datasetId, changes],
  );
  return (
    <AsyncContent what="the dataset" state={state} onRetry={retry}>
      {({ dataset, versions }) => <DatasetView dataset={dataset} versions={versions} onChanged={() => setChanges((n) => n + 1)} />}
    </AsyncContent>
  );
}

function DatasetView({ dataset, versions, onChanged }: { dataset: Dataset; versions: DatasetVersion[]; onChanged: () => void }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const versionId = params.get("version") ?? versions[0]?.id;
  const split = params.get("split") ?? "";
  const cursor = params.get("cursor") ?? undefined;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [upload, setUpload] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { state, retry } = useApi(
    (signal) => listExamples(dataset.id, { version_id: versionId, split: split || undefined, cursor, limit: 100 }, signal),
    [dataset.id, versionId, split, cursor],
  );
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("cursor");
    setParams(next);
    setSelected(new Set());
  };
  const act = async (action: () => Promise<unknown>, after: () => void) => {
    setError(null);
    try {
      await action();
      after();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const removeSelected = () =>
    act(() => deleteExamples(dataset.id, versionId!, [...selected]), () => {
      setSelected(new Set());
      set("version", "");
      onChanged();
    });
  const removeDataset = () => {
    if (!window.confirm(`Delete the dataset “${dataset.name}” with all its versions?`)) return;
    void act(() => deleteDataset(dataset.id), () => navigate("/datasets"));
  };
  return (
    <>
      <PageHeader
        title={dataset.name}
        context={<Link to="/datasets">Datasets</Link>}
        description={dataset.description ?? undefined}
        actions={
          <>
            <Link className="button" to={experimentsPath(dataset.id)}>Experiments</Link>
            <a className="button" href={exportUrl(dataset.id, "csv", versionId, split || undefined)} download>Export CSV</a>
            <a className="button" href={exportUrl(dataset.id, "jsonl", versionId, split || undefined)} download>Export JSONL</a>
            <button type="button" className="button" onClick={() => setUpload(true)}>Append file</button>
            <button type="button" className="button danger" onClick={removeDataset}>Delete dataset</button>
          </>
        }
      />
      <div className="list-toolbar">
        <div className="inline-controls">
          <label className="inline-controls">
            <span className="field-label">Version</span>
            <select aria-label="Version" value={versionId ?? ""} onChange={(e) => set("version", e.target.value)}>
              {versions.map((v, i) => (
                <option key={v.id} value={v.id}>
                  Version {v.number} · {formatCount(v.example_count)} examples · {formatTime(v.created_at)}
                  {i === 0 ? " (latest)" : ""}
                </option>
              ))}
            </select>
          </label>
          <SplitFilter datasetId={dataset.id} versionId={versionId} value={split} onChange={(s) => set("split", s)} />
        </div>
        <div className="toolbar-end">
          <span className="muted">{formatCount(versions.length)} versions</span>
          <button type="button" className="button danger" disabled={selected.size === 0 || !versionId} onClick={() => void removeSelected()}>
            Delete {selected.size || ""} selected
          </button>
        </div>
      </div>
      {error && <ErrorState what="the change (nothing changed)" error={error} />}
      <AsyncContent what="examples" state={state} onRetry={retry}>
        {({ examples, pagination }) =>
          examples.length === 0 ? (
            <EmptyState title={split ? `No examples in split “${split}”` : "No examples in this version"} />
          ) : (
            <>
              <ExamplesTable examples={examples} selected={selected} onSelect={setSelected} />
              <CursorPager nextCursor={pagination.next_cursor} hasMore={pagination.has_more} />
            </>
          )
        }
      </AsyncContent>
      {upload && (
        <UploadDialog
          datasetId={dataset.id}
          onClose={() => setUpload(false)}
          onDone={(r) => {
            setUpload(false);
            navigate(datasetPath(dataset.id, r.dataset_version_id));
            onChanged();
          }}
        />
      )}
    </>
  );
}

/** The split filter: the splits the version has. */
function SplitFilter({ datasetId, versionId, value, onChange }: { datasetId: string; versionId?: string; value: string; onChange: (split: string) => void }) {
  const { state } = useApi((signal) => listSplits(datasetId, versionId, signal), [datasetId, versionId]);
  const splits = state.status === "ok" ? state.data : [];
  return (
    <label className="inline-controls">
      <span className="field-label">Split</span>
      <select aria-label="Split" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All splits</option>
        {value && !splits.includes(value) && <option value={value}>{value}</option>}
        {splits.map((s) => (
          <option key={s} value={s}>{s}</option>
        ))}
      </select>
    </label>
  );
}
