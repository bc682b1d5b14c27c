import assert from "node:assert/strict";
import { test } from "node:test";
import {
  appendExamples,
  createDataset,
  deleteDataset,
  deleteDatasetExamples,
  getDataset,
  listDatasetExamples,
  listDatasets,
  NotFoundError,
  updateDataset,
  updateExamples,
} from "@arizeai/ax-client";
import { client, missingId, unique } from "./support.mjs";

const space = "default";

test("datasets: create, get, list, append, list examples, update examples, delete examples, rename, delete", async () => {
  const name = unique("dataset");
  const created = await createDataset({
    client, space, name,
    examples: [
      { question: "What is 2+2?", answer: "4", topic: "math", metadata: { source: "quiz" } },
      { question: "Capital of Spain?", expected: "Madrid", splits: ["test"] },
    ],
  });
  assert.equal(created.name, name);
  assert.ok(created.createdAt instanceof Date && !Number.isNaN(created.createdAt.getTime()));
  assert.equal(created.versions.length, 1);
  const v1 = created.versions[0];
  assert.equal(v1.datasetId, created.id);

  // By id and by name (the client resolves names through the list).
  assert.equal((await getDataset({ client, dataset: created.id })).name, name);
  const byName = await getDataset({ client, dataset: name, space });
  assert.equal(byName.id, created.id);
  const listed = await listDatasets({ client, space, name });
  assert.deepEqual(listed.data.map((d) => d.id), [created.id]);

  let examples = (await listDatasetExamples({ client, dataset: created.id })).data;
  assert.equal(examples.length, 2);
  const [first, second] = examples;
  assert.equal(first.question, "What is 2+2?");
  assert.equal(first.answer, "4");
  assert.equal(first.topic, "math");
  assert.deepEqual(first.metadata, { source: "quiz" });
  assert.ok(first.createdAt instanceof Date && first.updatedAt instanceof Date);
  assert.equal(second.expected, "Madrid");
  assert.deepEqual(second.splits, ["test"]);
  assert.deepEqual(second._assay.output, { expected: "Madrid" });

  const appended = await appendExamples({
    client, dataset: name, space, examples: [{ question: "3+3?", expected: "6" }, { question: "4+4?", expected: "8" }],
  });
  assert.equal(appended.exampleIds.length, 2);
  assert.notEqual(appended.datasetVersionId, v1.id);
  await assert.rejects(
    appendExamples({ client, dataset: created.id, examples: [{ id: "mine", question: "no ids on insert" }] }),
    (e) => e.status === 400 || /id/.test(e.message));

  const page = await listDatasetExamples({ client, dataset: created.id, limit: 3 });
  assert.equal(page.data.length, 3);
  assert.equal(page.pagination.hasMore, true);
  const rest = await listDatasetExamples({ client, dataset: created.id, limit: 3, cursor: page.pagination.nextCursor });
  assert.equal(rest.data.length, 1);
  assert.equal(rest.data[0].question, "4+4?");
  const oldVersion = await listDatasetExamples({ client, dataset: created.id, datasetVersionId: v1.id });
  assert.equal(oldVersion.data.length, 2, "version 1 still holds exactly its two examples");

  const target = rest.data[0].id;
  const updated = await updateExamples({
    client, dataset: created.id, examples: [{ id: target, expected: "eight", checked: true }], newVersion: "fixed",
  });
  assert.deepEqual(updated.exampleIds, [target]);
  const fixed = (await listDatasetExamples({ client, dataset: created.id })).data.find((e) => e.id === target);
  assert.equal(fixed.expected, "eight");
  assert.equal(fixed.question, "4+4?");
  assert.equal(fixed.checked, true);
  const withVersions = await getDataset({ client, dataset: created.id });
  assert.deepEqual(withVersions.versions.map((v) => v.name), ["fixed", "v2", "v1"]);

  const deleted = await deleteDatasetExamples({
    client, dataset: created.id, datasetVersionId: updated.datasetVersionId, examples: [target, missingId("DatasetExample")],
  });
  assert.equal(deleted.completed, true);
  assert.deepEqual(deleted.deletedExampleIds, [target]);
  assert.equal(deleted.notDeletedExampleIds.length, 1);
  examples = (await listDatasetExamples({ client, dataset: created.id })).data;
  assert.equal(examples.length, 3);

  const renamed = await updateDataset({ client, dataset: created.id, name: `${name}-renamed` });
  assert.equal(renamed.name, `${name}-renamed`);

  await deleteDataset({ client, dataset: created.id });
  await assert.rejects(getDataset({ client, dataset: created.id }), NotFoundError);
  await assert.rejects(getDataset({ client, dataset: missingId("Dataset") }), NotFoundError);
});

test("datasets: bad input is refused and stores nothing", async () => {
  const name = unique("bad-dataset");
  await assert.rejects(createDataset({ client, space, name, examples: [] }));
  await assert.rejects(createDataset({ client, space, name, examples: [{}] }));
  await assert.rejects(createDataset({ client, space, name, examples: [{ id: "x", q: 1 }] }));
  await assert.rejects(createDataset({ client, space, name, examples: [{ q: 1, created_at: "2026-01-01T00:00:00Z" }] }));
  const listed = await listDatasets({ client, space, name });
  assert.equal(listed.data.length, 0);
});
