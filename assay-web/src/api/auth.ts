import { api, unwrap, type Schemas } from "./client";
import { request } from "./raw";

/*
 * Sign-in and the account endpoints. /auth/* is Assay's own and not in the /v2 OpenAPI document, so its
 * shapes are written out here; users, API keys, space members and the audit log are AX's /v2 resources,
 * typed by the generated document like every other /v2 call.
 */

export type AccountRoleName = "ADMIN" | "MEMBER";
/** A space role as /auth/me names it; AX's role assignments call VIEWER `READ_ONLY`. */
export type SpaceRoleName = "ADMIN" | "MEMBER" | "VIEWER";
export type AxSpaceRole = "ADMIN" | "MEMBER" | "READ_ONLY";

/** AX's User plus Assay's `is_service` and `must_change_password`; `role.name` is ADMIN or MEMBER. */
export type User = Schemas["User"];

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

export type CreatedUser = Schemas["CreateUserResponse"];

export const listUsers = (q: { email?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
  unwrap(api.GET("/v2/users", { params: { query: q }, signal }));

/** With `temporary`, the server makes up a password (in the answer, once) that must be changed at first sign-in. */
export const createUser = (body: {
  name: string; email: string; role: AccountRoleName; password?: string; temporary: boolean;
}) =>
  unwrap(api.POST("/v2/users", {
    body: {
      name: body.name, email: body.email, role: { type: "PREDEFINED", name: body.role },
      invite_mode: body.temporary ? "TEMPORARY_PASSWORD" : "NONE",
      ...(body.password ? { password: body.password } : {}),
    },
  }));

export const updateUserRole = (userId: string, role: AccountRoleName) =>
  unwrap(api.PATCH("/v2/users/{user_id}", { params: { path: { user_id: userId } }, body: { role: { type: "PREDEFINED", name: role } } }));

export const resetPassword = (userId: string) =>
  unwrap(api.POST("/v2/users/{user_id}/reset-password", { params: { path: { user_id: userId } } }));

export const deleteUser = (userId: string) => unwrap(api.DELETE("/v2/users/{user_id}", { params: { path: { user_id: userId } } }));

// API keys

export type ApiKey = Schemas["ApiKey"];
export type ApiKeyType = ApiKey["key_type"];
export type ApiKeyStatus = ApiKey["status"];
/** A key with its secret: only the answer that creates (or refreshes) it carries `key`. */
export type CreatedApiKey = Schemas["CreateApiKeyResponse"];

export const listApiKeys = (
  q: { key_type?: ApiKeyType; status?: ApiKeyStatus; user_id?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => unwrap(api.GET("/v2/api-keys", { params: { query: q }, signal }));

export const createUserKey = (body: { name: string; description?: string; expires_at?: string }) =>
  unwrap(api.POST("/v2/api-keys", { body: { key_type: "USER", ...body } }));

/** A service key acts in the given spaces with the given roles (AX nests spaces in one organization). */
export const createServiceKey = (body: {
  name: string; description?: string; expires_at?: string; spaces: { space_id: string; role: AxSpaceRole }[];
}) =>
  unwrap(api.POST("/v2/api-keys", {
    body: {
      key_type: "SERVICE", name: body.name, description: body.description, expires_at: body.expires_at,
      organizations: [{ spaces: body.spaces.map((s) => ({ space_id: s.space_id, role: { name: s.role } })) }],
    },
  }));

export const refreshApiKey = (keyId: string, body: { expires_at?: string; grace_period_seconds?: number }) =>
  unwrap(api.POST("/v2/api-keys/{api_key_id}/refresh", { params: { path: { api_key_id: keyId } }, body }));

export const revokeApiKey = (keyId: string) =>
  unwrap(api.POST("/v2/api-keys/{api_key_id}/revoke", { params: { path: { api_key_id: keyId } } }));

// Space members

/** A member as the members page shows it; the user's name and email only when the caller may read users. */
export interface SpaceMember {
  user_id: string;
  name?: string;
  email?: string;
  role: SpaceRoleName;
}

export const listSpaceMembers = (spaceId: string, signal?: AbortSignal) =>
  unwrap(api.GET("/v2/spaces/{space_id}/users", { params: { path: { space_id: spaceId }, query: { limit: 100 } }, signal }))
    .then(({ users }) => users.map((m): SpaceMember => ({ user_id: m.user_id, name: m.user?.name, email: m.user?.email, role: fromAx(m.role.name) })));

export const putSpaceMember = (spaceId: string, userId: string, role: SpaceRoleName) =>
  unwrap(api.POST("/v2/spaces/{space_id}/users", {
    params: { path: { space_id: spaceId } }, body: { user_id: userId, role: { type: "PREDEFINED", name: toAx(role) } },
  }));

export const removeSpaceMember = (spaceId: string, userId: string) =>
  unwrap(api.DELETE("/v2/spaces/{space_id}/users/{user_id}", { params: { path: { space_id: spaceId, user_id: userId } } }));

export function toAx(role: SpaceRoleName): AxSpaceRole {
  return role === "VIEWER" ? "READ_ONLY" : role;
}

export function fromAx(role: string): SpaceRoleName {
  return role === "READ_ONLY" || role === "VIEWER" ? "VIEWER" : role === "ADMIN" ? "ADMIN" : "MEMBER";
}

// Audit log (account admins)

export type AuditLog = Schemas["AuditLog"];

export const listAuditLogs = (
  q: { user_id?: string; start_time?: string; end_time?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => unwrap(api.GET("/v2/audit-logs", { params: { query: q }, signal }));
