import { useState } from "react";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";
import { setup } from "../api/auth";
import { AuthFrame } from "../auth/AuthFrame";
import { useAuth } from "../auth/AuthContext";
import { FormError } from "../auth/FormError";
import { MIN_PASSWORD, passwordProblem } from "../auth/passwords";

/**
 * The first start with authentication on and no user: create the first account admin. The setup token
 * proves the person at the browser can read the server's files.
 */
export function SetupPage() {
  const { signedIn } = useAuth();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!email.trim() || !name.trim()) return setError("Enter an email and a name.");
    const problem = passwordProblem(password, confirmation);
    if (problem) return setError(problem);
    if (!token.trim()) return setError("Paste the setup token.");
    setBusy(true);
    setError(null);
    try {
      await signedIn(await setup({ setup_token: token.trim(), email: email.trim(), name: name.trim(), password }));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Create the first admin">
      <p className="muted">
        Authentication is on and this server has no users yet. The account you create here administers it: it
        creates the other users and gives them roles in spaces.
      </p>
      <form
        className="auth-form"
        aria-label="Create the first admin"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field-label">Email</span>
          <input aria-label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Name</span>
          <input aria-label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Password (at least {MIN_PASSWORD} characters)</span>
          <input aria-label="Password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Password again</span>
          <input aria-label="Password again" type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Setup token</span>
          <input aria-label="Setup token" className="mono" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <p className="muted field-hint">
          The server wrote the token to <code>&lt;working_dir&gt;/setup-token</code> (readable only by its user) and logged
          that path at start. It works once. Or start the server with <code>ASSAY_ADMIN_EMAIL</code> and{" "}
          <code>ASSAY_ADMIN_PASSWORD</code> to create this admin without this page.
        </p>
        <FormError error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Creating…" : "Create admin and sign in"}
        </button>
      </form>
    </AuthFrame>
  );
}
