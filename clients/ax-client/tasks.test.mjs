import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import {
  cancelTaskRun,
  createAiIntegration,
  createCodeEvaluator,
  createEvaluationTask,
  createTemplateEvaluator,
  deleteTask,
  getTask,
  getTaskRun,
  listTaskRuns,
  listTasks,
  NotFoundError,
  triggerTaskRun,
  updateTask,
  waitForTaskRun,
} from "@arizeai/ax-client";
import { client, unique } from "./support.mjs";

// The fake OpenAI-compatible model server AxClientCompatibilityTest starts; it answers every judge prompt and waits
// before answering prompts that contain SLOW, so a run can be caught while it is running.
const fakeModelUrl = process.env.FAKE_MODEL_URL;
if (!fakeModelUrl) {
  throw new Error("FAKE_MODEL_URL must name a fake OpenAI-compatible server (AxClientCompatibilityTest starts one)");
}
const SLOW = "take your time";

const hex = (bytes) => randomBytes(bytes).toString("hex");
const str = (key, value) => ({ key, value: { stringValue: value } });

/** Sends one LLM span per output, in one trace a minute old, into `project`; returns the span ids. */
async function sendSpans(project, outputs) {
  const traceId = hex(16);
  const t0 = BigInt(Date.now() - 60_000) * 1_000_000n;
  const spans = outputs.map((output, i) => ({
    traceId, spanId: hex(8), name: "llm", startTimeUnixNano: String(t0 + BigInt(i) * 1_000_000n),
    endTimeUnixNano: String(t0 + BigInt(i + 1) * 1_000_000n),
    attributes: [str("openinference.span.kind", "LLM"), str("input.value", `question ${i}`), str("output.value", output)],
  }));
  const response = await fetch(`${process.env.ASSAY_URL}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-project-name": project },
    body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }),
  });
  assert.equal(response.status, 200, await response.text());
  return spans.map((s) => s.spanId);
}

/** The last hour, which holds the spans sent above. */
const window = () => ({ dataStartTime: new Date(Date.now() - 3_600_000), dataEndTime: new Date() });

async function digitEvaluator() {
  return createCodeEvaluator({
    client,
    name: unique("has-digit"),
    space: "default",
    commitMessage: "digits",
    codeConfig: {
      type: "MANAGED", name: "has_digit", managedEvaluator: "MATCHES_REGEX", variables: ["output"],
      staticParams: [{ name: "pattern", type: "REGEX", defaultValue: "[0-9]" }],
    },
  });
}

async function judge(template) {
  const model = await createAiIntegration({
    client, name: unique("fake-judge"), provider: "CUSTOM", apiKey: "fake-key", baseUrl: fakeModelUrl,
    modelNames: ["fake-judge"],
  });
  return createTemplateEvaluator({
    client,
    name: unique("correct"),
    space: "default",
    commitMessage: "judge",
    templateConfig: {
      name: "correct", template, includeExplanations: true, useFunctionCallingIfAvailable: false,
      classificationChoices: { correct: 1, incorrect: 0 }, direction: "MAXIMIZE", dataGranularity: "SPAN",
      llmConfig: { aiIntegrationId: model.id, modelName: "fake-judge", invocationParameters: {}, providerParameters: {} },
    },
  });
}

test("code evaluation task: create, get, list, update, trigger a run, wait for it, list and get runs, delete", async () => {
  const project = unique("tasks");
  await sendSpans(project, ["answer 42", "no digits", "7"]);
  const evaluator = await digitEvaluator();
  const name = unique("digits");

  const task = await createEvaluationTask({
    client, name, type: "CODE_EVALUATION", space: "default", project,
    evaluators: [{ evaluatorId: evaluator.id, columnMappings: { output: "attributes.output.value" } }],
  });
  assert.equal(task.name, name);
  assert.equal(task.type, "CODE_EVALUATION");
  assert.ok(task.projectId);
  assert.equal(task.datasetId, null);
  assert.equal(task.isContinuous, false);
  assert.equal(task.samplingRate, 1);
  assert.equal(task.queryFilter, null);
  assert.deepEqual(task.experimentIds, []);
  assert.equal(task.runConfiguration, null);
  assert.equal(task.lastRunAt, null);
  assert.deepEqual(task.evaluators, [{
    evaluatorId: evaluator.id, evaluatorName: evaluator.name, evaluatorVersionId: null, queryFilter: null,
    columnMappings: { output: "attributes.output.value" },
  }]);

  assert.deepEqual(await getTask({ client, task: task.id }), task);
  assert.deepEqual(await getTask({ client, task: name, space: "default" }), task, "found by name");
  const listed = await listTasks({ client, space: "default", project, type: "CODE_EVALUATION" });
  assert.deepEqual(listed.data.map((t) => t.id), [task.id]);
  assert.equal(listed.pagination.hasMore, false);
  assert.deepEqual((await listTasks({ client, name: name.toUpperCase() })).data.map((t) => t.id), [task.id]);

  const filtered = await updateTask({ client, task: task.id, queryFilter: "span_kind = 'LLM'", samplingRate: 1 });
  assert.equal(filtered.queryFilter, "span_kind = 'LLM'");
  const cleared = await updateTask({ client, task: name, space: "default", queryFilter: null });
  assert.equal(cleared.queryFilter, null);

  const triggered = await triggerTaskRun({ client, task: task.id, ...window() });
  assert.ok(["PENDING", "RUNNING", "COMPLETED"].includes(triggered.status), triggered.status);
  assert.equal(triggered.taskId, task.id);
  const run = await waitForTaskRun({ client, runId: triggered.id, pollInterval: 200, timeout: 60_000 });
  assert.equal(run.status, "COMPLETED");
  assert.equal(run.numSuccesses, 3, "three spans, one evaluator");
  assert.equal(run.numErrors, 0);
  assert.equal(run.numSkipped, 0);
  assert.ok(run.runFinishedAt instanceof Date);
  assert.ok((await getTask({ client, task: task.id })).lastRunAt instanceof Date);

  const runs = await listTaskRuns({ client, task: name, space: "default" });
  assert.deepEqual(runs.data, [run]);
  assert.deepEqual((await listTaskRuns({ client, task: task.id, status: "COMPLETED" })).data.map((r) => r.id), [run.id]);
  assert.deepEqual((await listTaskRuns({ client, task: task.id, status: "FAILED" })).data, []);
  assert.deepEqual(await getTaskRun({ client, runId: run.id }), run);
  await assert.rejects(cancelTaskRun({ client, runId: run.id }), "a finished run cannot be cancelled");

  const skipped = await waitForTaskRun({
    client, runId: (await triggerTaskRun({ client, task: task.id, ...window() })).id, pollInterval: 200, timeout: 60_000,
  });
  assert.equal(skipped.status, "CANCELLED", "every target already has a result from this evaluator version");
  const overridden = await waitForTaskRun({
    client, runId: (await triggerTaskRun({ client, task: task.id, ...window(), overrideEvaluations: true, maxSpans: 2 })).id,
    pollInterval: 200, timeout: 60_000,
  });
  assert.equal(overridden.status, "COMPLETED");
  assert.equal(overridden.numSuccesses, 2, "maxSpans caps the run");
  assert.deepEqual((await listTaskRuns({ client, task: task.id })).data.map((r) => r.id), [overridden.id, skipped.id, run.id]);

  await deleteTask({ client, task: task.id });
  await assert.rejects(getTask({ client, task: task.id }), (e) => e instanceof NotFoundError || /not found/i.test(e.message));
});

test("template evaluation task: an LLM judge through an AI integration evaluates every span", async () => {
  const project = unique("judged");
  await sendSpans(project, ["Paris", "Berlin"]);
  const evaluator = await judge("Is this answer correct? {{output}} Answer correct or incorrect.");
  const task = await createEvaluationTask({
    client, name: unique("judge-task"), type: "TEMPLATE_EVALUATION", space: "default", project,
    evaluators: [{ evaluatorId: evaluator.id }],
  });
  assert.equal(task.type, "TEMPLATE_EVALUATION");
  assert.equal(task.evaluators[0].evaluatorName, evaluator.name);
  assert.deepEqual(await getTask({ client, task: task.id }), task);

  const run = await waitForTaskRun({
    client, runId: (await triggerTaskRun({ client, task: task.id, ...window() })).id, pollInterval: 200, timeout: 60_000,
  });
  assert.equal(run.status, "COMPLETED");
  assert.equal(run.numSuccesses, 2);
  assert.equal(run.numErrors, 0);
  await deleteTask({ client, task: task.id });
});

test("cancelTaskRun stops a running run and waitForTaskRun reports it CANCELLED", async () => {
  const project = unique("slow");
  await sendSpans(project, ["a", "b", "c"]);
  const evaluator = await judge(`${SLOW}: is this answer correct? {{output}} Answer correct or incorrect.`);
  const task = await createEvaluationTask({
    client, name: unique("slow-task"), type: "TEMPLATE_EVALUATION", space: "default", project,
    evaluators: [{ evaluatorId: evaluator.id }],
  });
  const triggered = await triggerTaskRun({ client, task: task.id, ...window() });
  const cancelled = await cancelTaskRun({ client, runId: triggered.id });
  assert.equal(cancelled.status, "CANCELLED");
  const final = await waitForTaskRun({ client, runId: triggered.id, pollInterval: 200, timeout: 10_000 });
  assert.equal(final.status, "CANCELLED");
  await deleteTask({ client, task: task.id });
});
