import { useState } from "react";
import { useSearchParams } from "react-router";
import { useRowAction } from "../settings/useRowAction";
import { deleteUser, listUsers, resetPassword, updateUserRole, type AccountRoleName, type User } from "../api/auth";
import { useApi } from "../api/useApi";
import { usePermissions } from "../auth/AuthContext";
import { FormError } from "../auth/FormError";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { formatTime } from "../format";
import { OneTimeSecret } from "../settings/OneTimeSecret";
import { UserForm } from "../settings/UserForm";

/** The account's users (account admins): create, change role, reset password, delete. */
export function UsersPage() {
  const [params] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const { state, retry } = useApi((signal) => listUsers({ cursor, limit: 50 }, signal), [cursor]);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const { userId, accountAdmin } = usePermissions();

  const showSecret = (who: string, value: string) => setSecret({ label: `Temporary password for ${who}`, value });
  return (
    <section className="page-section" aria-labelledby="users-heading">
      <div className="section-head">
        <h2 id="users-heading">Users</h2>
        {!adding && accountAdmin && (
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            Add a user
          </button>
        )}
      </div>
      {secret && (
        <OneTimeSecret
          label={secret.label}
          secret={secret.value}
          hint="Give it to them over a channel you trust; they must change it when they first sign in."
          onDone={() => setSecret(null)}
        />
      )}
      {adding && (
        <UserForm
          onCancel={() => setAdding(false)}
          onCreated={(user) => {
            setAdding(false);
            if (user.temporary_password) showSecret(user.email, user.temporary_password);
            retry();
          }}
        />
      )}
      <AsyncContent what="users" state={state} onRetry={retry}>
        {({ users, pagination }) =>
          users.length === 0 ? (
            <EmptyState title="No users" />
          ) : (
            <>
              <DataTable label="Users" columns={columns(userId, retry, showSecret)} rows={users} rowKey={(u) => u.id} />
              <CursorPager nextCursor={pagination?.next_cursor} hasMore={!!pagination?.has_more} />
            </>
          )
        }
      </AsyncContent>
    </section>
  );
}

function columns(me: string | null, reload: () => void, showSecret: (who: string, value: string) => void): Column<User>[] {
  return [
    { header: "Name", cell: (u) => <strong>{u.name}</strong>, wrap: true },
    { header: "Email", cell: (u) => u.email },
    {
      header: "Status",
      cell: (u) => (
        <span className="badges">
          <span className="badge">{u.status}</span>
          {u.is_service && <span className="badge">service</span>}
          {u.must_change_password && <span className="badge badge-unset">temporary password</span>}
        </span>
      ),
    },
    { header: "Created", cell: (u) => formatTime(u.created_at) },
    { header: "Role and actions", cell: (u) => <UserActions user={u} self={u.id === me} onChanged={reload} showSecret={showSecret} /> },
  ];
}

function UserActions({ user, self, onChanged, showSecret }: {
  user: User; self: boolean; onChanged: () => void; showSecret: (who: string, value: string) => void;
}) {
  const { act, busy, error } = useRowAction(onChanged);
  return (
    <div className="row-actions" aria-label={`Actions for ${user.email}`}>
      <div className="inline-controls">
        <select
          aria-label={`Account role of ${user.email}`}
          value={user.role.name}
          disabled={busy}
          onChange={(e) => void act(() => updateUserRole(user.id, e.target.value as AccountRoleName))}
        >
          <option value="MEMBER">Member</option>
          <option value="ADMIN">Admin</option>
        </select>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => {
            if (!window.confirm(`Reset the password of ${user.email}? Their current password stops working; you get a temporary one to give them.`)) return;
            void act(async () => showSecret(user.email, (await resetPassword(user.id)).temporary_password));
          }}
        >
          Reset password
        </button>
        {!self && (
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => {
              if (!window.confirm(`Delete ${user.email}? Their API keys and sessions stop working and they leave every space.`)) return;
              void act(() => deleteUser(user.id));
            }}
          >
            Delete
          </button>
        )}
      </div>
      <FormError error={error} />
    </div>
  );
}
