import { useState } from "react";
import { useSearchParams } from "react-router";
import { listAuditLogs, listUsers, type AuditLog } from "../api/auth";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { formatSeconds, preview } from "../format";

/**
 * Administrative changes (keys, users, roles, deletions, model configs, webhooks, spaces), newest first,
 * for account admins; filtered by user and time in the URL (`?user=`, `?from=`, `?to=`).
 */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const user = params.get("user") ?? "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const cursor = params.get("cursor") ?? undefined;
  const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);
  const { state, retry } = useApi(
    (signal) => listAuditLogs({ user_id: user || undefined, start_time: iso(from), end_time: iso(to), cursor, limit: 50 }, signal),
    [user, from, to, cursor],
  );
  const users = useApi((signal) => listUsers({ limit: 100 }, signal), []);
  const names = new Map((users.state.status === "ok" ? users.state.data.users : []).map((u) => [u.id, u.email]));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("cursor");
    setParams(next);
  };

  return (
    <section className="page-section" aria-labelledby="audit-heading">
      <div className="section-head">
        <h2 id="audit-heading">Audit log</h2>
        <div className="toolbar-end time-range">
          <label>
            User
            <select aria-label="Filter by user" value={user} onChange={(e) => set("user", e.target.value)}>
              <option value="">Everyone</option>
              {[...names].map(([id, email]) => (
                <option key={id} value={id}>
                  {email}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input aria-label="From" type="datetime-local" value={from} onChange={(e) => set("from", e.target.value)} />
          </label>
          <label>
            To
            <input aria-label="To" type="datetime-local" value={to} onChange={(e) => set("to", e.target.value)} />
          </label>
        </div>
      </div>
      <AsyncContent what="the audit log" state={state} onRetry={retry}>
        {({ logs, pagination }) =>
          logs.length === 0 ? (
            <EmptyState title="No entries" />
          ) : (
            <>
              <DataTable label="Audit log" dense columns={columns(names)} rows={logs} rowKey={(l) => l.id} />
              <CursorPager nextCursor={pagination?.next_cursor} hasMore={!!pagination?.has_more} />
            </>
          )
        }
      </AsyncContent>
    </section>
  );
}

function columns(names: Map<string, string>): Column<AuditLog>[] {
  return [
    { header: "Time", cell: (l) => formatSeconds(l.created_at) },
    { header: "User", cell: (l) => (l.user_id ? names.get(l.user_id) ?? <code>{l.user_id}</code> : <span className="muted">local</span>) },
    { header: "Operation", cell: (l) => <code>{l.operation_name ?? l.operation_type}</code> },
    { header: "Details", cell: (l) => <Details text={l.operation_text ?? l.variables ?? ""} /> },
    { header: "IP", cell: (l) => l.ip },
  ];
}

/** The request as recorded (secrets already redacted by the server), folded to one line until opened. */
function Details({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  if (!text) return <span className="muted">—</span>;
  return open ? (
    <pre className="payload cell-text" onClick={() => setOpen(false)}>
      {text}
    </pre>
  ) : (
    <button type="button" className="link-button preview wide" title="Show all" onClick={() => setOpen(true)}>
      {preview(text, 80)}
    </button>
  );
}
