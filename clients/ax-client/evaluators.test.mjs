import assert from "node:assert/strict";
import { test } from "node:test";
import {
  APIError,
  createAiIntegration,
  createCodeEvaluator,
  createCodeEvaluatorVersion,
  createTemplateEvaluator,
  createTemplateEvaluatorVersion,
  deleteAiIntegration,
  deleteEvaluator,
  getAiIntegration,
  getEvaluator,
  getEvaluatorVersion,
  listAiIntegrations,
  listEvaluators,
  listEvaluatorVersions,
  NotFoundError,
  updateAiIntegration,
  updateEvaluator,
} from "@arizeai/ax-client";
import { client, missingId, unique } from "./support.mjs";

const SECRET = `sk-secret-${process.pid}`;

/** An AI integration for judges to name; the base URL is never called by these tests. */
async function integration() {
  return createAiIntegration({
    client,
    name: unique("judge-model"),
    provider: "CUSTOM",
    apiKey: SECRET,
    baseUrl: "http://127.0.0.1:9/v1",
    modelNames: ["gpt-4o-mini"],
    headers: { "X-Team": "team-secret" },
  });
}

const templateConfig = (aiIntegrationId, template) => ({
  name: "relevance",
  template,
  includeExplanations: true,
  useFunctionCallingIfAvailable: false,
  classificationChoices: { relevant: 1, irrelevant: 0 },
  direction: "MAXIMIZE",
  dataGranularity: "SPAN",
  llmConfig: { aiIntegrationId, modelName: "gpt-4o-mini", invocationParameters: { temperature: 0 }, providerParameters: {} },
});

test("template evaluator: create, add a version, list versions, get one, get by name, list, rename, delete", async () => {
  const model = await integration();
  const name = unique("relevance");

  const created = await createTemplateEvaluator({
    client,
    name,
    space: "default",
    description: "Is the answer relevant?",
    commitMessage: "initial",
    templateConfig: templateConfig(model.id, "Is {output} relevant to {input}? Answer relevant or irrelevant."),
  });
  assert.equal(created.name, name);
  assert.equal(created.type, "TEMPLATE");
  assert.equal(created.version.type, "TEMPLATE");
  assert.equal(created.version.commitMessage, "initial");
  assert.equal(created.version.commitHash.length, 40);
  assert.equal(created.version.templateConfig.llmConfig.aiIntegrationId, model.id);
  assert.deepEqual(created.version.templateConfig.classificationChoices, { relevant: 1, irrelevant: 0 });
  assert.equal(created.version.templateConfig.direction, "MAXIMIZE");

  const v2 = await createTemplateEvaluatorVersion({
    client,
    evaluator: created.id,
    commitMessage: "stricter",
    templateConfig: templateConfig(model.id, "Strictly: is {output} relevant to {input}?"),
  });
  assert.equal(v2.evaluatorId, created.id);
  assert.notEqual(v2.commitHash, created.version.commitHash);
  assert.match(v2.templateConfig.template, /^Strictly/);

  const { data: versions } = await listEvaluatorVersions({ client, evaluator: name, space: "default" });
  assert.deepEqual(versions.map((v) => v.id), [v2.id, created.version.id], "newest first");
  assert.deepEqual(await getEvaluatorVersion({ client, versionId: created.version.id }), created.version, "v1 is unchanged");

  const latest = await getEvaluator({ client, evaluator: name, space: "default" });
  assert.equal(latest.id, created.id);
  assert.deepEqual(latest.version, v2);
  const first = await getEvaluator({ client, evaluator: created.id, versionId: created.version.id });
  assert.deepEqual(first.version, created.version);

  const listed = await listEvaluators({ client, space: "default", name });
  assert.deepEqual(listed.data.map((e) => e.id), [created.id]);
  assert.equal(listed.pagination.hasMore, false);

  const renamed = await updateEvaluator({ client, evaluator: created.id, name: `${name}-v2`, description: "renamed" });
  assert.equal(renamed.name, `${name}-v2`);
  assert.equal(renamed.description, "renamed");

  await deleteEvaluator({ client, evaluator: created.id });
  await assert.rejects(getEvaluator({ client, evaluator: created.id }), (e) => e instanceof NotFoundError);
  await deleteAiIntegration({ client, integration: model.id });
});

test("managed code evaluator: EXACT_MATCH, then a MATCHES_REGEX version with a static parameter", async () => {
  const name = unique("exact");
  const created = await createCodeEvaluator({
    client,
    name,
    space: "default",
    commitMessage: "exact match",
    codeConfig: { type: "MANAGED", name: "exact_match", managedEvaluator: "EXACT_MATCH", variables: ["output", "reference"] },
  });
  assert.equal(created.type, "CODE");
  assert.equal(created.version.codeConfig.type, "MANAGED");
  assert.equal(created.version.codeConfig.managedEvaluator, "EXACT_MATCH");
  assert.deepEqual(created.version.codeConfig.variables, ["output", "reference"]);

  const v2 = await createCodeEvaluatorVersion({
    client,
    evaluator: name,
    space: "default",
    commitMessage: "regex",
    codeConfig: {
      type: "MANAGED",
      name: "exact_match",
      managedEvaluator: "MATCHES_REGEX",
      variables: ["output"],
      staticParams: [{ name: "pattern", type: "REGEX", defaultValue: "^[0-9]+$" }],
    },
  });
  assert.equal(v2.codeConfig.managedEvaluator, "MATCHES_REGEX");
  assert.deepEqual(v2.codeConfig.staticParams, [{ name: "pattern", type: "REGEX", defaultValue: "^[0-9]+$" }]);

  const { data: versions } = await listEvaluatorVersions({ client, evaluator: created.id });
  assert.equal(versions.length, 2);
  assert.deepEqual(await getEvaluatorVersion({ client, versionId: v2.id }), v2);
  assert.equal((await getEvaluator({ client, evaluator: created.id })).version.id, v2.id);
});

test("a duplicate evaluator name is a 409, a bad regex a 400, a missing evaluator a 404", async () => {
  const name = unique("dup");
  const codeConfig = { type: "MANAGED", name: "json_ok", managedEvaluator: "JSON_PARSEABLE", variables: ["output"] };
  await createCodeEvaluator({ client, name, space: "default", commitMessage: "one", codeConfig });
  await assert.rejects(createCodeEvaluator({ client, name, space: "default", commitMessage: "two", codeConfig }),
    (e) => e instanceof APIError && e.statusCode === 409);
  await assert.rejects(
    createCodeEvaluator({
      client,
      name: unique("bad"),
      space: "default",
      commitMessage: "bad",
      codeConfig: { type: "MANAGED", name: "re", managedEvaluator: "MATCHES_REGEX", variables: ["output"],
        staticParams: [{ name: "pattern", type: "REGEX", defaultValue: "(" }] },
    }),
    (e) => e instanceof APIError && e.statusCode === 400);
  await assert.rejects(getEvaluator({ client, evaluator: missingId("Evaluator") }), (e) => e instanceof NotFoundError);
});

test("AI integrations: the key and header values are never returned", async () => {
  const created = await integration();
  assert.equal(created.hasApiKey, true);
  assert.deepEqual(created.headers, { "X-Team": "********" });
  assert.equal(created.provider, "CUSTOM");

  const fetched = await getAiIntegration({ client, integration: created.name, space: "default" });
  assert.deepEqual(fetched, created);
  const { data } = await listAiIntegrations({ client, name: created.name });
  assert.deepEqual(data.map((i) => i.id), [created.id]);
  const updated = await updateAiIntegration({ client, integration: created.id, modelNames: ["gpt-4o"] });
  assert.deepEqual(updated.modelNames, ["gpt-4o"]);
  assert.equal(updated.hasApiKey, true);
  for (const value of [created, fetched, data, updated]) {
    const text = JSON.stringify(value);
    assert.ok(!text.includes(SECRET) && !text.includes("team-secret"), text);
  }
  await deleteAiIntegration({ client, integration: created.id });
  await assert.rejects(getAiIntegration({ client, integration: created.id }), (e) => e instanceof NotFoundError);
});
