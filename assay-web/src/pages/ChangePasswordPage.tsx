import { useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";
import { changePassword } from "../api/auth";
import { AuthFrame } from "../auth/AuthFrame";
import { useAuth } from "../auth/AuthContext";
import { FormError } from "../auth/FormError";
import { MIN_PASSWORD, passwordProblem } from "../auth/passwords";

/**
 * Changes the signed-in user's password. Also the only page a user with a temporary password can use:
 * the server refuses everything else ("change your password first") until this succeeds.
 */
export function ChangePasswordForm({ forced }: { forced: boolean }) {
  const { passwordChanged } = useAuth();
  const navigate = useNavigate();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!current) return setError("Enter your current password.");
    const problem = passwordProblem(next, confirmation);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setCurrent("");
      setNext("");
      setConfirmation("");
      setDone(true);
      if (forced) {
        // Navigate first, while this page is still mounted; the forced-change routes then give way.
        navigate("/projects", { replace: true });
        passwordChanged();
      }
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="auth-form"
      aria-label="Change password"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {forced && (
        <p className="notice" role="status">
          Your password is temporary: choose your own before you continue.
        </p>
      )}
      <label className="field">
        <span className="field-label">Current password</span>
        <input aria-label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">New password (at least {MIN_PASSWORD} characters)</span>
        <input aria-label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">New password again</span>
        <input aria-label="New password again" type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
      </label>
      <FormError error={error} />
      {done && !forced && (
        <p className="test-ok" role="status">
          Password changed.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Saving…" : "Change password"}
        </button>
      </div>
    </form>
  );
}

/** The page a user with a temporary password sees, whatever URL they open. */
export function ForcedPasswordPage() {
  const { signOut } = useAuth();
  return (
    <AuthFrame title="Change your password">
      <ChangePasswordForm forced />
      <p className="auth-note">
        <button type="button" className="link-button" onClick={() => void signOut()}>
          Sign out
        </button>
      </p>
    </AuthFrame>
  );
}
