import { Link, useSearchParams } from "react-router";
import { listPrompts, type Prompt } from "../api/prompts";
import { useApi } from "../api/useApi";
import { areaSummary } from "../areas";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { SearchBox } from "../components/SearchBox";
import { formatTime } from "../format";
import { newPromptVersionPath, promptPath } from "../urls";
import { useCanWrite } from "../auth/AuthContext";

/** The prompts (`?name=` filters, `?cursor=` pages). */
export function PromptsPage() {
  const [params] = useSearchParams();
  const name = params.get("name") ?? undefined;
  const cursor = params.get("cursor") ?? undefined;
  const { state, retry } = useApi((signal) => listPrompts({ name, cursor, limit: 50 }, signal), [name, cursor]);
  const canWrite = useCanWrite("MEMBER");
  const columns: Column<Prompt>[] = [
    { header: "Name", wrap: true, cell: (p) => <Link className="row-link" to={promptPath(p.id)}>{p.name}</Link> },
    { header: "Description", wrap: true, cell: (p) => <span className="muted">{p.description ?? ""}</span> },
    { header: "Updated", cell: (p) => formatTime(p.updated_at) },
  ];
  return (
    <>
      <PageHeader
        title="Prompts"
        description={areaSummary("prompts")}
        actions={canWrite && <Link className="button primary" to={newPromptVersionPath()}>New prompt</Link>}
      />
      <div className="list-toolbar">
        <SearchBox param="name" label="Filter by name" />
      </div>
      <AsyncContent what="prompts" state={state} onRetry={retry}>
        {({ prompts, pagination }) =>
          prompts.length === 0 && !cursor ? (
            <EmptyState title={name ? "No prompt matches this name" : "No prompts yet"}>
              <p>A prompt is a chat or text template with immutable versions; labels such as production point at one version.</p>
            </EmptyState>
          ) : (
            <>
              <DataTable label="Prompts" columns={columns} rows={prompts} rowKey={(p) => p.id} />
              <CursorPager nextCursor={pagination.next_cursor} hasMore={pagination.has_more} />
            </>
          )
        }
      </AsyncContent>
    </>
  );
}
