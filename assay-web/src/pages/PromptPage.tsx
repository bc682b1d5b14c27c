import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { ApiError } from "../api/client";
import { deletePrompt, getPrompt, listPromptVersions, type PromptVersion } from "../api/prompts";
import { asApiError } from "../api/raw";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { formatTime } from "../format";
import { LabelEditor } from "../prompts/LabelEditor";
import { Playground } from "../prompts/Playground";
import { VersionView } from "../prompts/VersionView";
import { newPromptVersionPath, promptPath } from "../urls";

/** One prompt: its versions with labels, the selected version (`?version=`), its labels and a playground. */
export function PromptPage() {
  const promptId = useParams().promptId!;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [changes, setChanges] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const { state, retry } = useApi(
    async (signal) => {
      const [prompt, versions] = await Promise.all([getPrompt(promptId, signal), listPromptVersions(promptId, signal)]);
      return { prompt, versions: [...versions].sort((a, b) => (b.version_number ?? 0) - (a.version_number ?? 0) || b.created_at.localeCompare(a.created_at)) };
    },
    [promptId, changes],
  );
  const remove = async (name: string) => {
    if (!window.confirm(`Delete the prompt “${name}” with all its versions?`)) return;
    try {
      await deletePrompt(promptId);
      navigate("/prompts");
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <AsyncContent what="the prompt" state={state} onRetry={retry}>
      {({ prompt, versions }) => {
        const selected = versions.find((v) => v.id === params.get("version")) ?? versions[0];
        const columns: Column<PromptVersion>[] = [
          { header: "Version", cell: (v) => <Link to={promptPath(promptId, v.id)} aria-current={v.id === selected?.id ? "true" : undefined}>{`v${number(v, versions)}`}</Link> },
          { header: "Commit message", wrap: true, cell: (v) => v.commit_message },
          { header: "Labels", cell: (v) => <span className="badges">{(v.labels ?? []).map((l) => <span key={l} className="badge label-badge">{l}</span>)}</span> },
          { header: "Model", cell: (v) => v.model ?? "—" },
          { header: "Created", cell: (v) => formatTime(v.created_at) },
        ];
        return (
          <>
            <PageHeader
              title={prompt.name}
              context={<Link to="/prompts">Prompts</Link>}
              description={prompt.description ?? undefined}
              actions={
                <>
                  <Link className="button primary" to={newPromptVersionPath(promptId, selected?.id)}>New version</Link>
                  <button type="button" className="button danger" onClick={() => void remove(prompt.name)}>Delete prompt</button>
                </>
              }
            />
            {error && <ErrorState what="the change" error={error} />}
            <section className="page-section">
              <h2>Versions</h2>
              <DataTable label="Versions" columns={columns} rows={versions} rowKey={(v) => v.id} />
            </section>
            {selected && (
              <section className="page-section" aria-label="Selected version">
                <div className="section-head">
                  <h2>Version v{number(selected, versions)}</h2>
                  <LabelEditor version={selected} onChanged={() => setChanges((n) => n + 1)} />
                </div>
                <VersionView version={selected} />
                <Playground key={selected.id} version={selected} />
              </section>
            )}
          </>
        );
      }}
    </AsyncContent>
  );
}

/** The version's number: the server's, else its position (oldest = 1). */
function number(v: PromptVersion, newestFirst: PromptVersion[]): number {
  return v.version_number ?? newestFirst.length - newestFirst.indexOf(v);
}
