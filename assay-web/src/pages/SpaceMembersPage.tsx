import { useRowAction } from "../settings/useRowAction";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";
import { listSpaceMembers, listUsers, putSpaceMember, removeSpaceMember, type SpaceMember, type SpaceRoleName } from "../api/auth";
import { useApi } from "../api/useApi";
import { useAuth, usePermissions } from "../auth/AuthContext";
import { FormError } from "../auth/FormError";
import { AsyncContent } from "../components/AsyncContent";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";

const ROLES: { value: SpaceRoleName; label: string }[] = [
  { value: "ADMIN", label: "Admin" },
  { value: "MEMBER", label: "Member" },
  { value: "VIEWER", label: "Viewer" },
];

/**
 * Who may do what in one space (`?space=`): viewers read, members also write (ingest, datasets, tasks,
 * experiments), admins also manage the space and its members. Only the space's admins can change it.
 */
export function SpaceMembersPage() {
  const { auth } = useAuth();
  const { atLeast } = usePermissions();
  const spaces = auth.phase === "signed-in" ? auth.me.spaces : [];
  const [params, setParams] = useSearchParams();
  const spaceId = params.get("space") ?? spaces[0]?.space_id ?? "";
  const { state, retry } = useApi((signal) => (spaceId ? listSpaceMembers(spaceId, signal) : Promise.resolve([])), [spaceId]);
  const canManage = !!spaceId && atLeast(spaceId, "ADMIN");

  return (
    <section className="page-section" aria-labelledby="members-heading">
      <div className="section-head">
        <h2 id="members-heading">Space members</h2>
        <label className="inline-controls">
          <span className="muted">Space</span>
          <select aria-label="Space" value={spaceId} onChange={(e) => setParams({ space: e.target.value })}>
            {spaces.map((s) => (
              <option key={s.space_id} value={s.space_id}>
                {s.space_name} ({s.role.toLowerCase()})
              </option>
            ))}
          </select>
        </label>
      </div>
      {spaces.length === 0 ? (
        <EmptyState title="You are in no space">
          <p>Ask a space admin or an account admin to add you.</p>
        </EmptyState>
      ) : (
        <>
          {canManage ? (
            <AddMember spaceId={spaceId} onAdded={retry} />
          ) : (
            <p className="muted">Only this space's admins can change its members.</p>
          )}
          <AsyncContent what="members" state={state} onRetry={retry}>
            {(members) =>
              members.length === 0 ? (
                <EmptyState title="No members" />
              ) : (
                <DataTable label="Members" columns={columns(spaceId, canManage, retry)} rows={members} rowKey={(m) => m.user_id} />
              )
            }
          </AsyncContent>
        </>
      )}
    </section>
  );
}

function columns(spaceId: string, canManage: boolean, reload: () => void): Column<SpaceMember>[] {
  return [
    { header: "Name", cell: (m) => <strong>{m.name ?? m.user_id}</strong>, wrap: true },
    { header: "Email", cell: (m) => m.email ?? "—" },
    {
      header: canManage ? "Role and actions" : "Role",
      cell: (m) => (canManage ? <MemberActions spaceId={spaceId} member={m} onChanged={reload} /> : <span className="badge">{m.role}</span>),
    },
  ];
}

function MemberActions({ spaceId, member, onChanged }: { spaceId: string; member: SpaceMember; onChanged: () => void }) {
  const { act, busy, error } = useRowAction(onChanged);
  const who = member.email ?? member.name ?? member.user_id;
  return (
    <div className="row-actions" aria-label={`Actions for ${who}`}>
      <div className="inline-controls">
        <select
          aria-label={`Role of ${who}`}
          value={member.role}
          disabled={busy}
          onChange={(e) => void act(() => putSpaceMember(spaceId, member.user_id, e.target.value as SpaceRoleName))}
        >
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => {
            if (!window.confirm(`Remove ${who} from this space? Their keys lose access to it too.`)) return;
            void act(() => removeSpaceMember(spaceId, member.user_id));
          }}
        >
          Remove
        </button>
      </div>
      <FormError error={error} />
    </div>
  );
}

/** Adds a user (picked from the account's users for account admins; by user id for space admins). */
function AddMember({ spaceId, onAdded }: { spaceId: string; onAdded: () => void }) {
  const { accountAdmin } = usePermissions();
  const users = useApi((signal) => (accountAdmin ? listUsers({ limit: 100 }, signal) : Promise.resolve(null)), [accountAdmin]);
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<SpaceRoleName>("MEMBER");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = users.state.status === "ok" && users.state.data ? users.state.data.users.filter((u) => !u.is_service) : null;

  const submit = async () => {
    if (!userId.trim()) return setError("Choose a user.");
    setBusy(true);
    setError(null);
    try {
      await putSpaceMember(spaceId, userId.trim(), role);
      setUserId("");
      onAdded();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form-section"
      aria-label="Add a member"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-row">
        {options ? (
          <label className="field grow">
            <span className="field-label">User</span>
            <select aria-label="User" value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose a user</option>
              {options.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field grow">
            <span className="field-label">User id</span>
            <input aria-label="User id" className="mono" value={userId} onChange={(e) => setUserId(e.target.value)} />
          </label>
        )}
        <label className="field">
          <span className="field-label">Role</span>
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as SpaceRoleName)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span className="field-label">&nbsp;</span>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Adding…" : "Add to space"}
          </button>
        </div>
      </div>
      <FormError error={error} />
    </form>
  );
}
