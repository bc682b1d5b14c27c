import { request } from "./raw";

/*
 * Sign-in and the account endpoints. /auth/* is Assay's own (not in the /v2 OpenAPI document); users,
 * API keys, space members, roles and the audit log are AX's /v2 shapes (@arizeai/ax-client's v2.d.ts),
 * written out here by hand.
 */

export type AccountRoleName = "ADMIN" | "MEMBER";
/** A space role as /auth/me names it; AX's role assignments call VIEWER `READ_ONLY`. */
export type SpaceRoleName = "ADMIN" | "MEMBER" | "VIEWER";
export type AxSpaceRole = "ADMIN" | "MEMBER" | "READ_ONLY";

export interface User {
  id: string;
  name: string;
  email: string;
  created_at: string;
  status: string;
  role: { type: "PREDEFINED"; name: AccountRoleName };
  is_developer: boolean;
  is_service?: boolean;
  must_change_password?: boolean;
}

export interface AuthStatus {
  auth_enabled: boolean;
  setup_required: boolean;
}

export interface SpaceAccess {
  space_id: string;
  space_name: string;
  role: SpaceRoleName;
}

export interface Me {
  auth_enabled: boolean;
  user: User | null;
  via: "session" | "api_key" | "local";
  api_key_id: string | null;
  csrf_token: string | null;
  spaces: SpaceAccess[];
}

export interface LoginAnswer {
  user: User;
  csrf_token: string;
  expires_at: string;
  must_change_password: boolean;
}

export interface Pagination {
  next_cursor?: string;
  has_more: boolean;
}

export const getStatus = (signal?: AbortSignal) => request<AuthStatus>("GET", "/auth/status", { signal });
export const getMe = (signal?: AbortSignal) => request<Me>("GET", "/auth/me", { signal });
export const login = (email: string, password: string) =>
  request<LoginAnswer>("POST", "/auth/login", { body: { email, password } });
export const logout = () => request<null>("POST", "/auth/logout", { body: {} });
export const setup = (body: { setup_token: string; email: string; name: string; password: string }) =>
  request<LoginAnswer>("POST", "/auth/setup", { body });
export const changePassword = (current_password: string, new_password: string) =>
  request<null>("POST", "/auth/password", { body: { current_password, new_password } });

// Users (account admins)

export interface CreatedUser extends User {
  /** Present once, in the answer to a create with a temporary password. */
  temporary_password?: string;
}

export const listUsers = (q: { email?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
  request<{ users: User[]; pagination: Pagination }>("GET", "/v2/users", { query: q, signal });

export const createUser = (body: {
  name: string; email: string; role: AccountRoleName; password?: string; temporary: boolean;
}) =>
  request<CreatedUser>("POST", "/v2/users", {
    body: {
      name: body.name, email: body.email, role: { type: "PREDEFINED", name: body.role },
      invite_mode: body.temporary ? "TEMPORARY_PASSWORD" : "NONE",
      ...(body.password ? { password: body.password } : {}),
    },
  });

export const updateUserRole = (userId: string, role: AccountRoleName) =>
  request<User>("PATCH", `/v2/users/${encodeURIComponent(userId)}`, { body: { role: { type: "PREDEFINED", name: role } } });

export const resetPassword = (userId: string) =>
  request<{ temporary_password: string }>("POST", `/v2/users/${encodeURIComponent(userId)}/reset-password`, { body: {} });

export const deleteUser = (userId: string) => request<null>("DELETE", `/v2/users/${encodeURIComponent(userId)}`);

// API keys

export type ApiKeyType = "USER" | "SERVICE";
export type ApiKeyStatus = "ACTIVE" | "REVOKED";

export interface ApiKey {
  id: string;
  name: string;
  description?: string;
  key_type: ApiKeyType;
  status: ApiKeyStatus;
  redacted_key: string;
  created_at: string;
  expires_at?: string | null;
  created_by_user_id: string;
  last_used_at?: string | null;
  /** Assay's: whom the key authenticates as (a service key: its service account). */
  user_id?: string;
}

/** A key with its secret: only the answer that creates (or refreshes) it carries `key`. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export const listApiKeys = (
  q: { key_type?: ApiKeyType; status?: ApiKeyStatus; user_id?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => request<{ api_keys: ApiKey[]; pagination: Pagination }>("GET", "/v2/api-keys", { query: q, signal });

export const createUserKey = (body: { name: string; description?: string; expires_at?: string }) =>
  request<CreatedApiKey>("POST", "/v2/api-keys", { body: { key_type: "USER", ...body } });

/** A service key acts in the given spaces with the given roles (AX nests spaces in one organization). */
export const createServiceKey = (body: {
  name: string; description?: string; expires_at?: string; spaces: { space_id: string; role: AxSpaceRole }[];
}) =>
  request<CreatedApiKey>("POST", "/v2/api-keys", {
    body: {
      key_type: "SERVICE", name: body.name, description: body.description, expires_at: body.expires_at,
      organizations: [{ org_id: "default", spaces: body.spaces.map((s) => ({ space_id: s.space_id, role: { name: s.role } })) }],
    },
  });

export const refreshApiKey = (keyId: string, body: { expires_at?: string; grace_period_seconds?: number }) =>
  request<CreatedApiKey>("POST", `/v2/api-keys/${encodeURIComponent(keyId)}/refresh`, { body });

export const revokeApiKey = (keyId: string) =>
  request<null>("POST", `/v2/api-keys/${encodeURIComponent(keyId)}/revoke`, { body: {} });

// Space members

export interface SpaceMember {
  user_id: string;
  name?: string;
  email?: string;
  role: SpaceRoleName;
}

export const listSpaceMembers = (spaceId: string, signal?: AbortSignal) =>
  request<unknown>("GET", `/v2/spaces/${encodeURIComponent(spaceId)}/users`, { query: { limit: 100 }, signal }).then(readMembers);

export const putSpaceMember = (spaceId: string, userId: string, role: SpaceRoleName) =>
  request<unknown>("POST", `/v2/spaces/${encodeURIComponent(spaceId)}/users`, {
    body: { user_id: userId, role: { type: "PREDEFINED", name: toAx(role) } },
  });

export const removeSpaceMember = (spaceId: string, userId: string) =>
  request<null>("DELETE", `/v2/spaces/${encodeURIComponent(spaceId)}/users/${encodeURIComponent(userId)}`);

export function toAx(role: SpaceRoleName): AxSpaceRole {
  return role === "VIEWER" ? "READ_ONLY" : role;
}

export function fromAx(role: string): SpaceRoleName {
  return role === "READ_ONLY" || role === "VIEWER" ? "VIEWER" : role === "ADMIN" ? "ADMIN" : "MEMBER";
}

/** The members list is an Assay extension; read each row's user and role whichever way it nests them. */
function readMembers(body: unknown): SpaceMember[] {
  const b = body as Record<string, unknown>;
  const rows = (b?.users ?? b?.members ?? b?.role_bindings ?? []) as Record<string, unknown>[];
  return rows.map((row) => {
    const user = (row.user ?? row) as Record<string, unknown>;
    const role = row.role as { name?: string } | string | undefined;
    return {
      user_id: String(row.user_id ?? user.id),
      name: user.name as string | undefined,
      email: user.email as string | undefined,
      role: fromAx(typeof role === "string" ? role : role?.name ?? "MEMBER"),
    };
  });
}

// Audit log (account admins)

export interface AuditLog {
  id: string;
  user_id: string;
  ip: string;
  operation_type: string;
  operation_name?: string | null;
  operation_text?: string | null;
  variables?: string | null;
  created_at: string;
}

export const listAuditLogs = (
  q: { user_id?: string; start_time?: string; end_time?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => request<{ logs: AuditLog[]; pagination: Pagination }>("GET", "/v2/audit-logs", { query: q, signal });
