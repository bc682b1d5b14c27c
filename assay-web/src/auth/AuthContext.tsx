import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";
import { getMe, getStatus, logout, type LoginAnswer, type Me, type SpaceRoleName } from "../api/auth";
import { onAuthSignal, setCsrfToken } from "./session";

/**
 * Where the UI stands with the server: still asking, local mode (authentication off: everything as
 * before, no sign-in), the first admin still to create, signed out, or signed in as someone.
 */
export type AuthPhase =
  | { phase: "loading" }
  | { phase: "error"; error: ApiError }
  | { phase: "local" }
  | { phase: "setup" }
  | { phase: "signed-out" }
  | { phase: "signed-in"; me: Me; mustChangePassword: boolean };

interface AuthContextValue {
  auth: AuthPhase;
  /** Asks the server again (status, then who is signed in). */
  reload: () => Promise<void>;
  /** After a login or setup answer: keep its CSRF token, then read the spaces from /auth/me. */
  signedIn: (answer: LoginAnswer) => Promise<void>;
  signOut: () => Promise<void>;
  /** The temporary password was replaced: every page opens again. */
  passwordChanged: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthPhase>({ phase: "loading" });

  const readMe = useCallback(async (mustChange = false) => {
    try {
      const me = await getMe();
      setCsrfToken(me.csrf_token);
      setAuth({ phase: "signed-in", me, mustChangePassword: mustChange || !!me.user?.must_change_password });
    } catch (e) {
      const error = asApiError(e);
      if (error.problem.status === 401) {
        setCsrfToken(null);
        setAuth({ phase: "signed-out" });
      } else if (error.problem.status === 403 && /change your password/i.test(`${error.problem.title} ${error.problem.detail ?? ""}`)) {
        setAuth((prev) => (prev.phase === "signed-in" ? { ...prev, mustChangePassword: true } : { phase: "error", error }));
      } else {
        setAuth({ phase: "error", error });
      }
    }
  }, []);

  const reload = useCallback(async () => {
    setAuth({ phase: "loading" });
    try {
      const status = await getStatus();
      if (!status.auth_enabled) return setAuth({ phase: "local" });
      if (status.setup_required) return setAuth({ phase: "setup" });
    } catch (e) {
      const error = asApiError(e);
      // A server without /auth (or a proxy that does not pass it) runs in local mode.
      if (error.problem.status === 404) return setAuth({ phase: "local" });
      return setAuth({ phase: "error", error });
    }
    await readMe();
  }, [readMe]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      onAuthSignal((signal) => {
        if (signal === "signed-out") {
          setCsrfToken(null);
          setAuth((prev) => (prev.phase === "signed-in" ? { phase: "signed-out" } : prev));
        } else {
          setAuth((prev) => (prev.phase === "signed-in" ? { ...prev, mustChangePassword: true } : prev));
        }
      }),
    [],
  );

  const signedIn = useCallback(
    async (answer: LoginAnswer) => {
      setCsrfToken(answer.csrf_token);
      await readMe(answer.must_change_password);
    },
    [readMe],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // A session the server no longer knows (expired, revoked) is signed out all the same.
    }
    setCsrfToken(null);
    setAuth({ phase: "signed-out" });
  }, []);

  const passwordChanged = useCallback(
    () => setAuth((prev) => (prev.phase === "signed-in" ? { ...prev, mustChangePassword: false } : prev)),
    [],
  );

  const value = useMemo(
    () => ({ auth, reload, signedIn, signOut, passwordChanged }),
    [auth, reload, signedIn, signOut, passwordChanged],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

const RANK: Record<SpaceRoleName, number> = { VIEWER: 1, MEMBER: 2, ADMIN: 3 };

/**
 * What the signed-in user may do, for hiding buttons they cannot use. The server decides; this only
 * spares a click that would end in a 403. In local mode everyone may do everything.
 */
export interface Permissions {
  authOn: boolean;
  accountAdmin: boolean;
  userId: string | null;
  spaceRole: (spaceId: string) => SpaceRoleName | null;
  atLeast: (spaceId: string, role: SpaceRoleName) => boolean;
}

export function usePermissions(): Permissions {
  const { auth } = useAuth();
  return useMemo(() => {
    if (auth.phase !== "signed-in") {
      return { authOn: false, accountAdmin: true, userId: null, spaceRole: () => "ADMIN", atLeast: () => true };
    }
    const accountAdmin = auth.me.user?.role.name === "ADMIN";
    const spaceRole = (spaceId: string): SpaceRoleName | null =>
      accountAdmin ? "ADMIN" : auth.me.spaces.find((s) => s.space_id === spaceId)?.role ?? null;
    return {
      authOn: true,
      accountAdmin,
      userId: auth.me.user?.id ?? null,
      spaceRole,
      atLeast: (spaceId, role) => {
        const mine = spaceRole(spaceId);
        return mine != null && RANK[mine] >= RANK[role];
      },
    };
  }, [auth]);
}

export function rankOf(role: SpaceRoleName): number {
  return RANK[role];
}

/**
 * Whether the signed-in user holds `role` (or more) in some space: the server's route check for writes,
 * so a create button is hidden from someone the server would refuse anyway. Always true in local mode.
 */
export function useCanWrite(role: SpaceRoleName = "MEMBER"): boolean {
  const { auth } = useAuth();
  if (auth.phase !== "signed-in") return true;
  return auth.me.user?.role.name === "ADMIN" || auth.me.spaces.some((s) => RANK[s.role] >= RANK[role]);
}
