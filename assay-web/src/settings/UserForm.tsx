import { useState } from "react";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";
import { createUser, type AccountRoleName, type CreatedUser } from "../api/auth";
import { FormError } from "../auth/FormError";
import { MIN_PASSWORD, passwordProblem } from "../auth/passwords";

/**
 * Creates a user with an account role and either a password set here or a temporary one the server
 * makes up (shown once; the user must change it at first sign-in).
 */
export function UserForm({ onCreated, onCancel }: { onCreated: (user: CreatedUser) => void; onCancel: () => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AccountRoleName>("MEMBER");
  const [mode, setMode] = useState<"temporary" | "password">("temporary");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!name.trim() || !email.trim()) return setError("Enter a name and an email.");
    if (mode === "password") {
      const problem = passwordProblem(password, confirmation);
      if (problem) return setError(problem);
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createUser({
        name: name.trim(), email: email.trim(), role, temporary: mode === "temporary",
        password: mode === "password" ? password : undefined,
      });
      setPassword("");
      setConfirmation("");
      onCreated(created);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form-section"
      aria-label="New user"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>New user</h2>
      <div className="form-row">
        <label className="field grow">
          <span className="field-label">Name</span>
          <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field grow">
          <span className="field-label">Email</span>
          <input aria-label="Email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Account role</span>
          <select aria-label="Account role" value={role} onChange={(e) => setRole(e.target.value as AccountRoleName)}>
            <option value="MEMBER">Member (roles per space)</option>
            <option value="ADMIN">Admin (everything, every space)</option>
          </select>
        </label>
      </div>
      <fieldset className="field">
        <legend className="field-label">Password</legend>
        <label className="checkbox">
          <input type="radio" name="password-mode" checked={mode === "temporary"} onChange={() => setMode("temporary")} />
          A temporary password, shown once; they choose their own at first sign-in
        </label>
        <label className="checkbox">
          <input type="radio" name="password-mode" checked={mode === "password"} onChange={() => setMode("password")} />
          Set a password now
        </label>
      </fieldset>
      {mode === "password" && (
        <div className="form-row">
          <label className="field grow">
            <span className="field-label">Password (at least {MIN_PASSWORD} characters)</span>
            <input aria-label="Password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <label className="field grow">
            <span className="field-label">Password again</span>
            <input aria-label="Password again" type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
          </label>
        </div>
      )}
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Creating…" : "Create user"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
