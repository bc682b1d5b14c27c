import assert from "node:assert/strict";
import { test } from "node:test";
import { createSpace, deleteSpace, getSpace, listSpaces, NotFoundError, updateSpace } from "@arizeai/ax-client";
import { client, missingId, unique } from "./support.mjs";

test("listSpaces shows the default space", async () => {
  const { data, pagination } = await listSpaces({ client, name: "default" });

  const space = data.find((s) => s.name === "default");
  assert.ok(space, JSON.stringify(data));
  assert.equal(typeof space.id, "string");
  assert.equal(space.isPrivate, false);
  assert.ok(!Number.isNaN(space.createdAt.getTime()));
  assert.equal(pagination.hasMore, false);
  assert.equal(pagination.nextCursor, undefined);
});

test("getSpace resolves a space by name and by id", async () => {
  const byName = await getSpace({ client, space: "default" });
  const byId = await getSpace({ client, space: byName.id });

  assert.equal(byName.name, "default");
  assert.deepEqual(byId, byName);
});

test("createSpace, updateSpace and deleteSpace round-trip", async () => {
  const name = unique("space");
  const created = await createSpace({ client, name, description: "made by the AX client", isPrivate: false });
  assert.equal(created.name, name);
  assert.equal(created.description, "made by the AX client");

  const updated = await updateSpace({ client, space: name, name: `${name}-renamed`, description: null });
  assert.equal(updated.id, created.id);
  assert.equal(updated.name, `${name}-renamed`);
  assert.equal(updated.description, "");

  await deleteSpace({ client, space: created.id });
  await assert.rejects(getSpace({ client, space: created.id }), (e) => e instanceof NotFoundError && e.statusCode === 404);
});

test("getSpace of an unknown id is a NotFoundError", async () => {
  await assert.rejects(getSpace({ client, space: missingId("Space") }), NotFoundError);
});
