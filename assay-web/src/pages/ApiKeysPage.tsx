import { useState } from "react";
import { useSearchParams } from "react-router";
import { useRowAction } from "../settings/useRowAction";
import { listApiKeys, refreshApiKey, revokeApiKey, type ApiKey, type ApiKeyStatus, type CreatedApiKey } from "../api/auth";
import { useApi } from "../api/useApi";
import { usePermissions } from "../auth/AuthContext";
import { FormError } from "../auth/FormError";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { formatTime } from "../format";
import { ApiKeyForm } from "../settings/ApiKeyForm";
import { OneTimeSecret } from "../settings/OneTimeSecret";

const GRACES: { seconds: number; label: string }[] = [
  { seconds: 0, label: "no grace" },
  { seconds: 300, label: "5 min grace" },
  { seconds: 3600, label: "1 h grace" },
  { seconds: 86_400, label: "24 h grace" },
];

/**
 * API keys: your own (and the service keys you created); account admins can list everyone's. A new or
 * refreshed key's secret is shown once.
 */
export function ApiKeysPage() {
  const [params, setParams] = useSearchParams();
  const { accountAdmin, userId } = usePermissions();
  const whose = accountAdmin && params.get("whose") === "all" ? "all" : "mine";
  const status: ApiKeyStatus = params.get("status") === "REVOKED" ? "REVOKED" : "ACTIVE";
  const cursor = params.get("cursor") ?? undefined;
  // The server lists everyone's keys to an account admin (and to others their own and the service keys they
  // created); "my keys" keeps the same two kinds for an admin too.
  const { state, retry } = useApi(
    (signal) =>
      listApiKeys({ status, cursor, limit: 100 }, signal).then((page) =>
        whose === "all" ? page : { ...page, api_keys: page.api_keys.filter((k) => k.user_id === userId || k.created_by_user_id === userId) },
      ),
    [whose, status, cursor, userId],
  );
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    next.delete("cursor");
    setParams(next);
  };
  return (
    <section className="page-section" aria-labelledby="keys-heading">
      <div className="section-head">
        <h2 id="keys-heading">API keys</h2>
        <div className="toolbar-end">
          {accountAdmin && (
            <select aria-label="Whose keys" value={whose} onChange={(e) => set("whose", e.target.value)}>
              <option value="mine">My keys</option>
              <option value="all">Everyone's keys</option>
            </select>
          )}
          <select aria-label="Key status" value={status} onChange={(e) => set("status", e.target.value)}>
            <option value="ACTIVE">Active</option>
            <option value="REVOKED">Revoked</option>
          </select>
          {!adding && (
            <button type="button" className="button primary" onClick={() => setAdding(true)}>
              Create a key
            </button>
          )}
        </div>
      </div>
      <p className="muted">
        Send a key as <code>Authorization: Bearer ak-…</code> to <code>/v2</code> and to OTLP ingest (<code>/v1/traces</code>,
        gRPC), or use it with <code>assay</code> and the AX clients.
      </p>
      {created && (
        <OneTimeSecret
          label={`API key ${created.name}`}
          secret={created.key}
          hint="Store it in your secret manager; only its first and last characters are kept for display."
          onDone={() => setCreated(null)}
        />
      )}
      {adding && (
        <ApiKeyForm
          onCancel={() => setAdding(false)}
          onCreated={(key) => {
            setAdding(false);
            setCreated(key);
            retry();
          }}
        />
      )}
      <AsyncContent what="API keys" state={state} onRetry={retry}>
        {({ api_keys: keys, pagination }) =>
          keys.length === 0 ? (
            <EmptyState title="No API keys">
              <p>Create one for a script, a service or the CLI.</p>
            </EmptyState>
          ) : (
            <>
              <DataTable label="API keys" columns={columns(retry, setCreated)} rows={keys} rowKey={(k) => k.id} />
              <CursorPager nextCursor={pagination?.next_cursor} hasMore={!!pagination?.has_more} />
            </>
          )
        }
      </AsyncContent>
    </section>
  );
}

function columns(reload: () => void, showKey: (key: CreatedApiKey) => void): Column<ApiKey>[] {
  return [
    { header: "Name", cell: (k) => <><strong>{k.name}</strong>{k.description && <span className="sub">{k.description}</span>}</>, wrap: true },
    { header: "Key", cell: (k) => <code>{k.redacted_key}</code> },
    { header: "Kind", cell: (k) => <span className="badge">{k.key_type}</span> },
    { header: "Status", cell: (k) => <span className={k.status === "ACTIVE" ? "badge badge-ok" : "badge badge-error"}>{k.status}</span> },
    { header: "Created", cell: (k) => formatTime(k.created_at) },
    { header: "Expires", cell: (k) => formatTime(k.expires_at, "never") },
    { header: "Last used", cell: (k) => formatTime(k.last_used_at, "never") },
    { header: "Actions", cell: (k) => (k.status === "ACTIVE" ? <KeyActions apiKey={k} onChanged={reload} showKey={showKey} /> : null) },
  ];
}

function KeyActions({ apiKey, onChanged, showKey }: { apiKey: ApiKey; onChanged: () => void; showKey: (key: CreatedApiKey) => void }) {
  const [grace, setGrace] = useState(0);
  const { act, busy, error } = useRowAction(onChanged);
  return (
    <div className="row-actions" aria-label={`Actions for ${apiKey.name}`}>
      <div className="inline-controls">
        <select
          aria-label={`Grace period for ${apiKey.name}`}
          title="How long the old key keeps working after a refresh"
          value={grace}
          onChange={(e) => setGrace(Number(e.target.value))}
        >
          {GRACES.map((g) => (
            <option key={g.seconds} value={g.seconds}>
              {g.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void act(async () =>
              showKey(await refreshApiKey(apiKey.id, {
                expires_at: apiKey.expires_at ?? undefined,
                grace_period_seconds: grace > 0 ? grace : undefined,
              })),
            )
          }
        >
          Refresh
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => {
            if (!window.confirm(`Revoke API key “${apiKey.name}”? Whatever uses it gets 401 from now on.`)) return;
            void act(() => revokeApiKey(apiKey.id));
          }}
        >
          Revoke
        </button>
      </div>
      <FormError error={error} />
    </div>
  );
}
