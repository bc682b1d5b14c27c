import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { listDatasets, listVersions, type Dataset } from "../api/datasets";
import { useApi } from "../api/useApi";
import { areaSummary } from "../areas";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { SearchBox } from "../components/SearchBox";
import { FromSpansDialog } from "../datasets/FromSpansDialog";
import { UploadDialog } from "../datasets/UploadDialog";
import { formatCount, formatTime } from "../format";
import { datasetPath, experimentsPath } from "../urls";
import { useCanWrite } from "../auth/AuthContext";

/** The datasets (`?name=` filters, `?cursor=` pages): upload a file or create one from spans. */
export function DatasetsPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const name = params.get("name") ?? undefined;
  const cursor = params.get("cursor") ?? undefined;
  const [dialog, setDialog] = useState<"upload" | "spans" | null>(null);
  const { state, retry } = useApi((signal) => listDatasets({ name, cursor, limit: 50 }, signal), [name, cursor]);
  const columns: Column<Dataset>[] = [
    { header: "Name", wrap: true, cell: (d) => <Link className="row-link" to={datasetPath(d.id)}>{d.name}</Link> },
    { header: "Examples", numeric: true, cell: (d) => formatCount(d.example_count) },
    { header: "Versions", numeric: true, cell: (d) => <VersionCount id={d.id} /> },
    { header: "Updated", cell: (d) => formatTime(d.updated_at) },
    { header: "Experiments", cell: (d) => <Link to={experimentsPath(d.id)}>Experiments</Link> },
  ];
  const created = (datasetId: string) => navigate(datasetPath(datasetId));
  const canWrite = useCanWrite("MEMBER");
  return (
    <>
      <PageHeader
        title="Datasets"
        description={areaSummary("datasets")}
        actions={
          canWrite && <>
            <button type="button" className="button" onClick={() => setDialog("spans")}>
              From spans
            </button>
            <button type="button" className="button primary" onClick={() => setDialog("upload")}>
              Upload file
            </button>
          </>
        }
      />
      <div className="list-toolbar">
        <SearchBox param="name" label="Filter by name" />
      </div>
      <AsyncContent what="datasets" state={state} onRetry={retry}>
        {({ datasets, pagination }) =>
          datasets.length === 0 && !cursor ? (
            <EmptyState title={name ? "No dataset matches this name" : "No datasets yet"}>
              <p>Upload a CSV, JSONL or JSON file, or turn the spans a filter selects into examples.</p>
            </EmptyState>
          ) : (
            <>
              <DataTable label="Datasets" columns={columns} rows={datasets} rowKey={(d) => d.id} />
              <CursorPager nextCursor={pagination.next_cursor} hasMore={pagination.has_more} />
            </>
          )
        }
      </AsyncContent>
      {dialog === "upload" && <UploadDialog onClose={() => setDialog(null)} onDone={(r) => created(r.dataset.id)} />}
      {dialog === "spans" && <FromSpansDialog onClose={() => setDialog(null)} onDone={(r) => created(r.dataset.id)} />}
    </>
  );
}

/** The list answer carries no versions: each row asks for its own. */
function VersionCount({ id }: { id: string }) {
  const { state } = useApi((signal) => listVersions(id, signal), [id]);
  return <>{state.status === "ok" ? formatCount(state.data.length) : "…"}</>;
}
