import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createPrompt,
  createPromptVersion,
  deletePrompt,
  deletePromptVersionLabel,
  getPrompt,
  getPromptVersion,
  getPromptVersionByLabel,
  listPrompts,
  listPromptVersions,
  NotFoundError,
  setPromptVersionLabels,
  updatePrompt,
} from "@arizeai/ax-client";
import { client, unique } from "./support.mjs";

const messages = (text) => [
  { role: "SYSTEM", content: "You sort mail." },
  { role: "USER", content: text },
];

test("a prompt with versions and labels, fetched by label, through the AX client", async () => {
  const name = unique("prompt");
  const created = await createPrompt({
    client,
    space: "default",
    name,
    description: "sorts mail",
    version: {
      commitMessage: "first",
      inputVariableFormat: "F_STRING",
      provider: "OPEN_AI",
      model: "gpt-4o-mini",
      messages: messages("Is {text} spam?"),
      invocationParams: { temperature: 0.2, max_tokens: 64 },
    },
  });
  assert.equal(created.name, name);
  assert.equal(created.description, "sorts mail");
  assert.ok(created.createdAt instanceof Date && !Number.isNaN(created.createdAt.getTime()));
  const v1 = created.version;
  assert.equal(v1.promptId, created.id);
  assert.equal(v1.commitMessage, "first");
  assert.equal(v1.inputVariableFormat, "F_STRING");
  assert.equal(v1.provider, "OPEN_AI");
  assert.equal(v1.messages[1].content, "Is {text} spam?");
  assert.equal(v1.invocationParams.temperature, 0.2);
  assert.match(v1.commitHash, /^[0-9a-f]{64}$/);

  // By name in a space, as AX users write it.
  const v2 = await createPromptVersion({
    client,
    prompt: name,
    space: "default",
    commitMessage: "mustache",
    inputVariableFormat: "MUSTACHE",
    provider: "OPEN_AI",
    model: "gpt-4o-mini",
    messages: messages("Classify {{text}}"),
    invocationParams: {
      response_format: { type: "JSON_SCHEMA", json_schema: { name: "out", schema: { type: "object" } } },
    },
  });
  assert.equal(v2.inputVariableFormat, "MUSTACHE");
  assert.notEqual(v2.commitHash, v1.commitHash);

  const { data: versions } = await listPromptVersions({ client, prompt: created.id });
  assert.deepEqual(versions.map((v) => v.id), [v2.id, v1.id]);

  const labelled = await setPromptVersionLabels({ client, versionId: v1.id, labels: ["production", "staging"] });
  assert.deepEqual([...labelled.labels].sort(), ["production", "staging"]);
  const production = await getPromptVersionByLabel({ client, prompt: name, space: "default", labelName: "production" });
  assert.equal(production.id, v1.id);

  // Setting production on v2 moves it; staging stays on v1.
  await setPromptVersionLabels({ client, versionId: v2.id, labels: ["production"] });
  assert.equal((await getPromptVersionByLabel({ client, prompt: created.id, labelName: "production" })).id, v2.id);
  assert.deepEqual((await getPromptVersion({ client, versionId: v1.id })).labels, ["staging"]);

  const latest = await getPrompt({ client, prompt: created.id });
  assert.equal(latest.version.id, v2.id);
  const staged = await getPrompt({ client, prompt: name, space: "default", label: "staging" });
  assert.equal(staged.version.id, v1.id);
  const byVersion = await getPrompt({ client, prompt: created.id, versionId: v1.id });
  assert.equal(byVersion.version.commitMessage, "first");

  const { data: listed } = await listPrompts({ client, name });
  assert.deepEqual(listed.map((p) => p.id), [created.id]);

  const updated = await updatePrompt({ client, prompt: created.id, description: "sorts all mail" });
  assert.equal(updated.description, "sorts all mail");

  await deletePromptVersionLabel({ client, versionId: v1.id, labelName: "staging" });
  await assert.rejects(getPromptVersionByLabel({ client, prompt: created.id, labelName: "staging" }), NotFoundError);

  await deletePrompt({ client, prompt: created.id });
  await assert.rejects(getPrompt({ client, prompt: created.id }), NotFoundError);
  await assert.rejects(getPromptVersion({ client, versionId: v2.id }), NotFoundError);
});

test("an invalid version is refused and nothing is stored", async () => {
  const name = unique("bad-prompt");
  await assert.rejects(
    createPrompt({
      client,
      space: "default",
      name,
      version: { commitMessage: "m", provider: "OPEN_AI", messages: [{ role: "ROBOT", content: "x" }] },
    }),
    /role/,
  );
  const { data } = await listPrompts({ client, name });
  assert.equal(data.length, 0);
});
