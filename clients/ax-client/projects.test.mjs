import assert from "node:assert/strict";
import { test } from "node:test";
import {
  APIError,
  createProject,
  deleteProject,
  getProject,
  getSpace,
  listProjects,
  NotFoundError,
  updateProject,
} from "@arizeai/ax-client";
import { client, missingId, unique } from "./support.mjs";

test("projects: create, list, get by id and by name, rename, delete", async () => {
  const name = unique("project");
  const defaultSpace = await getSpace({ client, space: "default" });

  const created = await createProject({ client, space: "default", name });
  assert.equal(created.name, name);
  assert.equal(created.spaceId, defaultSpace.id);
  assert.ok(!Number.isNaN(created.createdAt.getTime()));

  const { data } = await listProjects({ client, space: "default", name });
  assert.deepEqual(data, [created]);

  assert.deepEqual(await getProject({ client, project: created.id }), created);
  assert.deepEqual(await getProject({ client, project: name, space: "default" }), created);
  assert.deepEqual(await getProject({ client, project: name, space: defaultSpace.id }), created);

  const renamed = await updateProject({ client, project: name, space: "default", name: `${name}-renamed` });
  assert.equal(renamed.id, created.id);
  assert.equal(renamed.name, `${name}-renamed`);

  await deleteProject({ client, project: created.id });
  await assert.rejects(getProject({ client, project: created.id }), (e) => e instanceof NotFoundError && e.statusCode === 404);
});

test("listProjects pages with a cursor", async () => {
  const prefix = unique("paged");
  for (const suffix of ["a", "b", "c"]) {
    await createProject({ client, space: "default", name: `${prefix}-${suffix}` });
  }

  const first = await listProjects({ client, space: "default", name: prefix, limit: 2 });
  assert.deepEqual(first.data.map((p) => p.name), [`${prefix}-a`, `${prefix}-b`]);
  assert.equal(first.pagination.hasMore, true);
  const second = await listProjects({ client, space: "default", name: prefix, limit: 2, cursor: first.pagination.nextCursor });
  assert.deepEqual(second.data.map((p) => p.name), [`${prefix}-c`]);
  assert.equal(second.pagination.hasMore, false);
});

test("creating a duplicate project is an APIError with status 409", async () => {
  const name = unique("dup");
  await createProject({ client, space: "default", name });

  await assert.rejects(createProject({ client, space: "default", name }), (e) => {
    assert.ok(e instanceof APIError, String(e));
    assert.equal(e.statusCode, 409);
    assert.match(e.message, /already exists/);
    return true;
  });
});

test("a missing project is a NotFoundError with status 404", async () => {
  await assert.rejects(getProject({ client, project: missingId("Project") }), (e) => {
    assert.ok(e instanceof NotFoundError, String(e));
    assert.equal(e.statusCode, 404);
    return true;
  });
});
