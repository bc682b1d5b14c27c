import { Link, useSearchParams } from "react-router";
import { api, unwrap, type Schemas } from "../api/client";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { SearchBox } from "../components/SearchBox";
import { formatCount, formatTime } from "../format";
import { projectPath } from "../urls";

type ProjectSummary = Schemas["ProjectSummary"];

const columns: Column<ProjectSummary>[] = [
  {
    header: "Name",
    cell: (p) => <Link to={projectPath(p.id, "traces")}>{p.name}</Link>,
    wrap: true,
  },
  { header: "Spans", cell: (p) => formatCount(p.span_count), numeric: true },
  { header: "Traces", cell: (p) => formatCount(p.trace_count), numeric: true },
  { header: "Sessions", cell: (p) => formatCount(p.session_count), numeric: true },
  { header: "Last activity", cell: (p) => formatTime(p.last_span_time, "no spans yet") },
  { header: "Created", cell: (p) => formatTime(p.created_at) },
];

/**
 * All projects with their span, trace and session counts. The URL holds the view: `?name=` filters by
 * name, `?cursor=` and `?limit=` page (the server checks them and says what is wrong).
 */
export function ProjectsPage() {
  const [params] = useSearchParams();
  const name = params.get("name") ?? undefined;
  const cursor = params.get("cursor") ?? undefined;
  const limit = params.has("limit") ? Number(params.get("limit")) : undefined;
  const { state, retry } = useApi(
    (signal) => unwrap(api.GET("/v2/project-summaries", { params: { query: { name, cursor, limit } }, signal })),
    [name, cursor, limit],
  );
  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project collects the traces of one application."
        actions={<SearchBox param="name" label="Filter by name" />}
      />
      <AsyncContent what="projects" state={state} onRetry={retry}>
        {({ project_summaries: projects, pagination }) =>
          projects.length === 0 && name ? (
            <EmptyState title={`No project name contains “${name}”`} />
          ) : projects.length === 0 && !cursor ? (
            <NoProjects />
          ) : (
            <>
              <DataTable label="Projects" columns={columns} rows={projects} rowKey={(p) => p.id} />
              <CursorPager nextCursor={pagination.next_cursor} hasMore={pagination.has_more} />
            </>
          )
        }
      </AsyncContent>
    </>
  );
}

function NoProjects() {
  // OTLP/HTTP shares the UI's port (6006 by default), so this origin is the endpoint.
  const endpoint = `${window.location.origin}/v1/traces`;
  return (
    <EmptyState title="No projects yet">
      <p>
        Projects appear when traces arrive. Point your OpenTelemetry / OpenInference exporter at
        Assay&apos;s OTLP endpoint and name the project in a header:
      </p>
      <dl className="facts">
        <dt>OTLP/HTTP endpoint</dt>
        <dd>
          <code>{endpoint}</code>
        </dd>
        <dt>Project header</dt>
        <dd>
          <code>x-project-name: my-app</code>
        </dd>
      </dl>
      <p>OTLP/gRPC is served on port 4317. An application already set up for Phoenix sends to Assay unchanged.</p>
    </EmptyState>
  );
}
