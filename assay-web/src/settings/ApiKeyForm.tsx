import { useState } from "react";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";
import { createServiceKey, createUserKey, toAx, type ApiKeyType, type CreatedApiKey, type SpaceAccess, type SpaceRoleName } from "../api/auth";
import { rankOf, useAuth } from "../auth/AuthContext";
import { FormError } from "../auth/FormError";

const ROLES: SpaceRoleName[] = ["VIEWER", "MEMBER", "ADMIN"];

/**
 * Creates an API key: a USER key acts as you; a SERVICE key is its own account with the space roles
 * picked here (each at most your own role in that space — the server checks that too).
 */
export function ApiKeyForm({ onCreated, onCancel }: { onCreated: (key: CreatedApiKey) => void; onCancel: () => void }) {
  const { auth } = useAuth();
  const spaces: SpaceAccess[] = auth.phase === "signed-in" ? auth.me.spaces : [];
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [type, setType] = useState<ApiKeyType>("USER");
  const [expires, setExpires] = useState("");
  const [picked, setPicked] = useState<Record<string, SpaceRoleName>>({});
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!name.trim()) return setError("Give the key a name (where it is used, e.g. ci-ingest).");
    const expiresAt = expires ? new Date(`${expires}T23:59:59`) : null;
    if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now())) {
      return setError("The expiry date must be in the future.");
    }
    const chosen = Object.entries(picked).map(([space_id, role]) => ({ space_id, role: toAx(role) }));
    if (type === "SERVICE" && chosen.length === 0) return setError("A service key needs at least one space.");
    setBusy(true);
    setError(null);
    try {
      const common = { name: name.trim(), description: description.trim() || undefined, expires_at: expiresAt?.toISOString() };
      onCreated(type === "USER" ? await createUserKey(common) : await createServiceKey({ ...common, spaces: chosen }));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form-section"
      aria-label="New API key"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>New API key</h2>
      <div className="form-row">
        <label className="field grow">
          <span className="field-label">Name</span>
          <input aria-label="Key name" value={name} onChange={(e) => setName(e.target.value)} placeholder="ci-ingest" />
        </label>
        <label className="field grow">
          <span className="field-label">Description (optional)</span>
          <input aria-label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Expires (optional)</span>
          <input aria-label="Expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
      </div>
      <fieldset className="field">
        <legend className="field-label">Kind</legend>
        <label className="checkbox">
          <input type="radio" name="key-type" checked={type === "USER"} onChange={() => setType("USER")} />
          User key: acts as you, with your roles
        </label>
        <label className="checkbox">
          <input type="radio" name="key-type" checked={type === "SERVICE"} onChange={() => setType("SERVICE")} />
          Service key: its own account, with the space roles below (for services and CI)
        </label>
      </fieldset>
      {type === "SERVICE" && (
        <fieldset className="field">
          <legend className="field-label">Spaces</legend>
          {spaces.length === 0 && <p className="muted">You have no role in any space.</p>}
          <ul className="space-roles">
            {spaces.map((space) => {
              const allowed = ROLES.filter((r) => rankOf(r) <= rankOf(space.role));
              const role = picked[space.space_id];
              return (
                <li key={space.space_id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      aria-label={`Include space ${space.space_name}`}
                      checked={role != null}
                      onChange={(e) =>
                        setPicked((prev) => {
                          const next = { ...prev };
                          if (e.target.checked) next[space.space_id] = allowed.includes("MEMBER") ? "MEMBER" : allowed[0]!;
                          else delete next[space.space_id];
                          return next;
                        })
                      }
                    />
                    {space.space_name}
                  </label>
                  <select
                    aria-label={`Role in ${space.space_name}`}
                    value={role ?? ""}
                    disabled={role == null}
                    onChange={(e) => setPicked((prev) => ({ ...prev, [space.space_id]: e.target.value as SpaceRoleName }))}
                  >
                    {role == null && <option value="">—</option>}
                    {allowed.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Creating…" : "Create key"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
