// Users, API keys, roles, role bindings, space members and the audit log through the real @arizeai/ax-client, against
// a server with authentication ON: the client authenticates with an account admin's key as a Bearer token, exactly
// as against AX. Run by AxClientAuthCompatibilityTest (which sets ASSAY_ADMIN_KEY); the auth-off run leaves it out.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addSpaceUser,
  AuthenticationError,
  AuthorizationError,
  createApiKey,
  createClient,
  createProject,
  createRoleBinding,
  createSpace,
  createUser,
  deleteRoleBinding,
  deleteUser,
  getRole,
  getRoleBinding,
  getUser,
  listApiKeys,
  listAuditLogs,
  listRoleBindings,
  listRoles,
  listUsers,
  NotFoundError,
  refreshApiKey,
  removeSpaceUser,
  resetPassword,
  revokeApiKey,
  updateRoleBinding,
  updateUser,
} from "@arizeai/ax-client";
import { unique } from "./support.mjs";

const baseUrl = process.env.ASSAY_URL;
const adminKey = process.env.ASSAY_ADMIN_KEY;
if (!adminKey) {
  // Never skipped: only AxClientAuthCompatibilityTest runs this file, with a key; the auth-off run leaves it out.
  throw new Error("ASSAY_ADMIN_KEY is not set: run identity.test.mjs against a server with authentication on");
}
const admin = createClient({ apiKey: adminKey, baseUrl });
const as = (key) => createClient({ apiKey: key, baseUrl });
const email = (label) => `${unique(label)}@example.com`.toLowerCase();

test("users: create with a temporary password, list, get, update, reset, delete", async () => {
  const created = await createUser({
    client: admin, name: "Jane Smith", email: email("jane"),
    role: { type: "PREDEFINED", name: "MEMBER" }, inviteMode: "TEMPORARY_PASSWORD",
  });
  assert.equal(created.inviteMode, "TEMPORARY_PASSWORD");
  assert.ok(created.temporaryPassword.length >= 12);
  assert.equal(created.status, "ACTIVE");
  assert.deepEqual(created.role, { type: "PREDEFINED", name: "MEMBER" });
  assert.ok(created.createdAt instanceof Date && !Number.isNaN(created.createdAt.getTime()));
  assert.equal(created.isDeveloper, true);

  const got = await getUser({ client: admin, userId: created.id });
  assert.equal(got.email, created.email);
  assert.equal(got.temporaryPassword, undefined);
  const listed = await listUsers({ client: admin, email: created.email });
  assert.deepEqual(listed.data.map((u) => u.id), [created.id]);
  assert.equal(listed.pagination.hasMore, false);
  assert.equal(JSON.stringify(listed).includes(created.temporaryPassword), false);

  const renamed = await updateUser({ client: admin, userId: created.id, name: "Jane S." });
  assert.equal(renamed.name, "Jane S.");
  await resetPassword({ client: admin, userId: created.id }); // AX answers 204; Assay's 200 body is ignored
  await deleteUser({ client: admin, userId: created.id });
  await assert.rejects(getUser({ client: admin, userId: created.id }), NotFoundError);

  await assert.rejects(
    createUser({ client: admin, name: "x", email: email("mail"), role: { type: "PREDEFINED", name: "MEMBER" },
      inviteMode: "EMAIL_LINK" }),
    (e) => e.statusCode === 422 && /mail/.test(e.message));
  await assert.rejects(listUsers({ client: as("ak-not-a-real-key") }), AuthenticationError);
});

test("api keys: create, list, refresh with a grace period, revoke", async () => {
  const created = await createApiKey({ client: admin, keyType: "USER", name: unique("key"), description: "ci" });
  assert.match(created.key, /^ak-[A-Za-z0-9_-]{40,}$/);
  assert.equal(created.keyType, "USER");
  assert.equal(created.status, "ACTIVE");
  assert.ok(created.redactedKey.startsWith(created.key.slice(0, 6)));
  assert.ok(created.createdAt instanceof Date);

  const own = as(created.key);
  const listed = await listApiKeys({ client: own, keyType: "USER" });
  assert.ok(listed.data.some((k) => k.id === created.id));
  assert.equal(JSON.stringify(listed).includes(created.key), false, "the key is shown only when created");

  const refreshed = await refreshApiKey({ client: own, apiKeyId: created.id, gracePeriodSeconds: 600 });
  assert.equal(refreshed.id, created.id);
  assert.notEqual(refreshed.key, created.key);
  await listApiKeys({ client: own }); // the old key works through its grace period
  const renewed = as(refreshed.key);
  await listApiKeys({ client: renewed });

  await revokeApiKey({ client: admin, apiKeyId: created.id });
  await assert.rejects(listApiKeys({ client: renewed }), AuthenticationError);
  await assert.rejects(listApiKeys({ client: own }), AuthenticationError);
  const revoked = await listApiKeys({ client: admin, status: "REVOKED" });
  assert.ok(revoked.data.some((k) => k.id === created.id && k.status === "REVOKED"));
});

test("service keys: a bot user bound to one space, creating projects there only", async () => {
  const space = await createSpace({ client: admin, name: unique("svc"), organizationId: "ignored" });
  const other = await createSpace({ client: admin, name: unique("svc-other"), organizationId: "ignored" });
  const created = await createApiKey({
    client: admin, keyType: "SERVICE", name: unique("bot"),
    organizations: [{ orgId: "ignored", spaces: [{ spaceId: space.id, role: { name: "MEMBER" } }] }],
  });
  assert.equal(created.keyType, "SERVICE");
  assert.equal(created.botUser.accountRole.name, "MEMBER");
  assert.deepEqual(created.botUser.organizations[0].spaces.map((s) => [s.spaceId, s.role.name]), [[space.id, "MEMBER"]]);

  const bot = as(created.key);
  const project = await createProject({ client: bot, name: unique("p"), space: space.id });
  assert.equal(project.spaceId, space.id);
  await assert.rejects(createProject({ client: bot, name: unique("p"), space: other.id }), NotFoundError);
  await assert.rejects(listUsers({ client: bot }), AuthorizationError);
  const inSpace = await listApiKeys({ client: admin, spaceId: space.id });
  assert.deepEqual(inSpace.data.map((k) => k.id), [created.id]);
});

test("roles, role bindings and space users", async () => {
  const roles = await listRoles({ client: admin });
  assert.deepEqual(roles.data.map((r) => r.name), ["ADMIN", "MEMBER", "READ_ONLY"]);
  assert.ok(roles.data.every((r) => r.isPredefined && r.createdAt instanceof Date && r.permissions.length > 0));
  const [adminRole, memberRole, readOnly] = roles.data;
  assert.deepEqual(await getRole({ client: admin, roleId: readOnly.id }), readOnly);

  const space = await createSpace({ client: admin, name: unique("team"), organizationId: "ignored" });
  const user = await createUser({ client: admin, name: "Sam", email: email("sam"),
    role: { type: "PREDEFINED", name: "MEMBER" }, inviteMode: "NONE" });

  const binding = await createRoleBinding({
    client: admin, userId: user.id, roleId: readOnly.id, resourceType: "SPACE", resourceId: space.id,
  });
  assert.equal(binding.roleId, readOnly.id);
  assert.equal(binding.resourceType, "SPACE");
  assert.equal(binding.resourceId, space.id);
  assert.ok(binding.createdAt instanceof Date && binding.updatedAt instanceof Date);
  assert.deepEqual(await getRoleBinding({ client: admin, bindingId: binding.id }), binding);
  const listed = await listRoleBindings({ client: admin, resourceType: "SPACE", userId: user.id });
  assert.deepEqual(listed.data.map((b) => b.id), [binding.id]);
  const updated = await updateRoleBinding({ client: admin, bindingId: binding.id, roleId: adminRole.id });
  assert.equal(updated.roleId, adminRole.id);
  await assert.rejects(
    createRoleBinding({ client: admin, userId: user.id, roleId: memberRole.id, resourceType: "SPACE", resourceId: space.id }),
    (e) => e.statusCode === 409);
  await deleteRoleBinding({ client: admin, bindingId: binding.id });
  await assert.rejects(getRoleBinding({ client: admin, bindingId: binding.id }), NotFoundError);

  const membership = await addSpaceUser({
    client: admin, spaceId: space.id, userId: user.id, role: { type: "PREDEFINED", name: "MEMBER" },
  });
  assert.deepEqual(membership.role, { type: "PREDEFINED", name: "MEMBER" });
  assert.equal(membership.userId, user.id);
  assert.equal(membership.spaceId, space.id);
  await removeSpaceUser({ client: admin, spaceId: space.id, userId: user.id });
  await assert.rejects(removeSpaceUser({ client: admin, spaceId: space.id, userId: user.id }), NotFoundError);
  await deleteUser({ client: admin, userId: user.id });
});

test("audit logs: the changes above, newest first, secrets masked", async () => {
  const created = await createApiKey({ client: admin, keyType: "USER", name: unique("audited") });
  const logs = await listAuditLogs({ client: admin, startTime: new Date(Date.now() - 3_600_000), limit: 100 });
  const entry = logs.data.find((l) => l.operationName === "POST /v2/api-keys");
  assert.ok(entry, JSON.stringify(logs.data.map((l) => l.operationName)));
  assert.equal(entry.operationType, "MUTATION");
  assert.ok(entry.createdAt instanceof Date);
  assert.ok(entry.userId && entry.ip);
  assert.equal(JSON.stringify(logs).includes(created.key), false);
  const times = logs.data.map((l) => l.createdAt.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  assert.equal((await listAuditLogs({ client: admin, operationType: "QUERY" })).data.length, 0);
  await assert.rejects(listAuditLogs({ client: as(created.key), startTime: "yesterday" }), (e) => e.statusCode === 400);
});
