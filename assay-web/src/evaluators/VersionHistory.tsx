import { listVersions, type EvaluatorVersion } from "../api/evaluators";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { DataTable, type Column } from "../components/DataTable";
import { formatTime } from "../format";

/** An evaluator's versions, newest first; each is immutable. */
export function VersionHistory({ evaluatorId, current }: { evaluatorId: string; current: string }) {
  const { state, retry } = useApi((signal) => listVersions(evaluatorId, signal), [evaluatorId]);
  const columns: Column<EvaluatorVersion>[] = [
    { header: "Version", cell: (v) => <>v{v.version_number}{v.id === current && <span className="muted"> (latest)</span>}</>, numeric: true },
    { header: "Commit message", cell: (v) => v.commit_message ?? "", wrap: true },
    { header: "Result name", cell: (v) => v.spec?.name ?? "" },
    { header: "Hash", cell: (v) => <code>{v.commit_hash.slice(0, 10)}</code> },
    { header: "Created", cell: (v) => formatTime(v.created_at) },
  ];
  return (
    <section className="page-section" aria-labelledby="versions-title">
      <h2 id="versions-title">Version history</h2>
      <AsyncContent what="versions" state={state} onRetry={retry}>
        {({ evaluator_versions: versions }) => (
          <DataTable label="Versions" columns={columns} rows={versions} rowKey={(v) => v.id} />
        )}
      </AsyncContent>
    </section>
  );
}
