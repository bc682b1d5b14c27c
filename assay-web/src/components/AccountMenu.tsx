import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { useAuth } from "../auth/AuthContext";

/** Who is signed in, with change password and sign out. Shown only when authentication is on. */
export function AccountMenu() {
  const { auth, signOut } = useAuth();
  const ref = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  if (auth.phase !== "signed-in" || !auth.me.user) return null;
  const { user } = auth.me;
  return (
    <details className="account-menu" ref={ref}>
      <summary aria-label={`Account: ${user.name}`}>
        <span className="account-avatar" aria-hidden="true">
          {user.name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="account-name">{user.name}</span>
      </summary>
      <div className="account-panel" role="menu" aria-label="Account">
        <p className="account-who">
          <strong>{user.name}</strong>
          <span className="sub">{user.email}</span>
          <span className="badge">{user.role.name === "ADMIN" ? "Account admin" : "Member"}</span>
        </p>
        <Link role="menuitem" to="/settings/api-keys">
          API keys
        </Link>
        <Link role="menuitem" to="/settings/password">
          Change password
        </Link>
        <button
          type="button"
          role="menuitem"
          className="link-button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void signOut().finally(() => setBusy(false));
          }}
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
