import { useState } from "react";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";
import { login } from "../api/auth";
import { AuthFrame } from "../auth/AuthFrame";
import { useAuth } from "../auth/AuthContext";
import { FormError } from "../auth/FormError";

/** Sign in with email and password; the server answers with an HttpOnly session cookie. */
export function LoginPage() {
  const { signedIn } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!email.trim() || !password) return setError("Enter your email and password.");
    setBusy(true);
    setError(null);
    try {
      await signedIn(await login(email.trim(), password));
    } catch (e) {
      setError(asApiError(e));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Sign in">
      <form
        className="auth-form"
        aria-label="Sign in"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field-label">Email</span>
          <input aria-label="Email" type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Password</span>
          <input aria-label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <FormError error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="muted auth-note">
        No account? Ask an account admin of this server to create one. For scripts and the CLI, use an API key
        (<code>assay auth login</code>).
      </p>
    </AuthFrame>
  );
}
