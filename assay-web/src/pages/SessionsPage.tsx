import { useCallback, useState } from "react";
import { Link, useParams } from "react-router";
import { listSessions, type Session } from "../api/traces";
import type { Column } from "../components/DataTable";
import { areaSummary } from "../areas";
import { ProjectFrame } from "../components/ProjectFrame";
import { formatCost, formatCount, formatSeconds, preview } from "../format";
import { TimeRangePicker } from "../traces/ListControls";
import { useInfiniteList } from "../traces/useInfiniteList";
import { sessionPath } from "../urls";
import { InfiniteTable, RefreshButton, useListQuery } from "../traces/InfiniteTable";

const PAGE_SIZE = 50;

/** The sessions of a project, newest first, with the same filter bar, time range and scrolling as traces. */
export function SessionsPage() {
  const projectId = useParams().projectId!;
  const [refreshes, setRefreshes] = useState(0);
  const { key, query, filtered } = useListQuery(projectId, refreshes);
  const list = useInfiniteList<Session>(
    key,
    useCallback(
      (cursor, signal) =>
        listSessions(query, { cursor, limit: PAGE_SIZE }, signal).then((r) => ({ items: r.sessions, pagination: r.pagination })),
      [query],
    ),
  );
  const columns: Column<Session>[] = [
    { header: "Start time", cell: (s) => formatSeconds(s.start_time) },
    {
      header: "Session",
      cell: (s) => (
        <Link to={sessionPath(projectId, s.session_id)} className="row-link">
          {s.session_id}
        </Link>
      ),
    },
    { header: "First input", wrap: true, cell: (s) => <span className="preview">{preview(s.first_input)}</span> },
    { header: "Last output", wrap: true, cell: (s) => <span className="preview">{preview(s.last_output)}</span> },
    { header: "Turns", numeric: true, cell: (s) => formatCount(s.trace_count) },
    { header: "Tokens", numeric: true, cell: (s) => formatCount(s.total_tokens) },
    { header: "Cost", numeric: true, cell: (s) => formatCost(s.cost_total) },
    {
      header: "Errors",
      numeric: true,
      cell: (s) => (s.error_count > 0 ? <span className="badge badge-error">{formatCount(s.error_count)}</span> : "0"),
    },
  ];
  return (
    <ProjectFrame projectId={projectId} title="Sessions" description={areaSummary("sessions")}>
      {() => (
        <>
          <div className="list-toolbar">
            <span />
            <div className="toolbar-end">
              <TimeRangePicker />
              <RefreshButton onRefresh={() => setRefreshes((n) => n + 1)} />
            </div>
          </div>
          <InfiniteTable label="Sessions" what="sessions" list={list} columns={columns} rowKey={(s) => s.session_id} filtered={filtered} />
        </>
      )}
    </ProjectFrame>
  );
}
