import assert from "node:assert/strict";
import { test } from "node:test";
import {
  appendExperimentRuns,
  createDataset,
  createExperiment,
  deleteExperiment,
  getExperiment,
  listDatasetExamples,
  listExperimentRuns,
  listExperiments,
  NotFoundError,
} from "@arizeai/ax-client";
import { client, unique } from "./support.mjs";

/** A dataset of three questions made by the real client, and its examples by question. */
async function questions() {
  const dataset = await createDataset({
    client,
    space: "default",
    name: unique("exp-dataset"),
    examples: [
      { question: "2+2", expected_output: "4" },
      { question: "3+3", expected_output: "6" },
      { question: "capital of France", expected_output: "Paris" },
    ],
  });
  const listed = await listDatasetExamples({ client, dataset: dataset.id });
  const byQuestion = Object.fromEntries(listed.data.map((e) => [e.question, e.id]));
  assert.equal(Object.keys(byQuestion).length, 3, JSON.stringify(listed.data));
  return { dataset, byQuestion };
}

test("createExperiment stores the runs on the dataset's examples; list, get and listExperimentRuns return them", async () => {
  const { dataset, byQuestion } = await questions();
  const name = unique("recorded");
  const created = await createExperiment({
    client,
    experimentName: name,
    dataset: dataset.id,
    experimentRuns: [
      { exampleId: byQuestion["2+2"], output: "4", model: "gpt-4o-mini", latency_ms: 12 },
      { exampleId: byQuestion["3+3"], output: "7", model: "gpt-4o-mini" },
    ],
  });
  assert.equal(created.name, name);
  assert.equal(created.datasetId, dataset.id);
  assert.ok(created.datasetVersionId, "the experiment is pinned to the dataset's version");
  assert.ok(created.createdAt instanceof Date && !Number.isNaN(created.createdAt.getTime()));

  const listed = await listExperiments({ client, dataset: dataset.id });
  assert.deepEqual(listed.data.map((e) => e.name), [name]);
  assert.equal(listed.data[0].id, created.id);

  const fetched = await getExperiment({ client, experiment: created.id });
  assert.equal(fetched.id, created.id);
  assert.equal(fetched.datasetVersionId, created.datasetVersionId);
  const byName = await getExperiment({ client, experiment: name, dataset: dataset.id });
  assert.equal(byName.id, created.id, "an experiment is found by name within its dataset");

  const runs = await listExperimentRuns({ client, experiment: created.id });
  assert.deepEqual(runs.data.map((r) => [r.exampleId, r.output]),
    [[byQuestion["2+2"], "4"], [byQuestion["3+3"], "7"]]);
  assert.equal(runs.data[0].model, "gpt-4o-mini", "extra columns come back as they were sent");
  assert.equal(runs.data[0].latency_ms, 12);
  assert.equal(runs.pagination.hasMore, false);
});

test("appendExperimentRuns adds runs in input order; deleteExperiment removes the experiment", async () => {
  const { dataset, byQuestion } = await questions();
  const name = unique("appended");
  const created = await createExperiment({
    client, experimentName: name, dataset: dataset.id,
    experimentRuns: [{ exampleId: byQuestion["2+2"], output: "4" }],
  });
  const appended = await appendExperimentRuns({
    client, experiment: name, dataset: dataset.id,
    experimentRuns: [
      { exampleId: byQuestion["3+3"], output: "6" },
      { exampleId: byQuestion["capital of France"], output: "Paris", judge: { score: 1 } },
    ],
  });
  assert.equal(appended.runIds.length, 2);
  const runs = await listExperimentRuns({ client, experiment: created.id, limit: 2 });
  assert.equal(runs.data.length, 2);
  assert.equal(runs.pagination.hasMore, true);
  const rest = await listExperimentRuns({ client, experiment: created.id, cursor: runs.pagination.nextCursor });
  const all = [...runs.data, ...rest.data];
  assert.deepEqual(all.map((r) => r.output), ["4", "6", "Paris"]);
  assert.deepEqual(all.slice(1).map((r) => r.id), appended.runIds, "run ids are returned in input order");
  assert.deepEqual(all[2].judge, { score: 1 });

  await assert.rejects(
    appendExperimentRuns({ client, experiment: created.id, experimentRuns: [{ exampleId: byQuestion["2+2"] }] }),
    (e) => /output/.test(String(e.message ?? e)), "a run without output is refused");
  assert.equal((await listExperimentRuns({ client, experiment: created.id })).data.length, 3, "and nothing was stored");

  await deleteExperiment({ client, experiment: created.id });
  await assert.rejects(getExperiment({ client, experiment: created.id }), NotFoundError);
  assert.deepEqual((await listExperiments({ client, dataset: dataset.id })).data, []);
});
