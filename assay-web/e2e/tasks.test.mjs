// The tasks area on a real server: a task created from a code evaluator in the form (with the live count of
// matching spans), a backfill run triggered in the dialog that completes with counts and a full progress bar,
// its results as columns and filters on the Traces page, a run paused by a model provider that refuses the key
// (banner with the reason, Resume, and the key fixed), and a run cancelled while it waits.
import assert from "node:assert/strict";
import { before } from "node:test";
import { apiCall, uniqueName } from "./support/api.mjs";
import { uiTest } from "./support/browser.mjs";
import { hexId, otlpSpan, sendSpans } from "./support/otlp.mjs";

/** Set by WebUiBrowserTest: a fake model server that answers 401 to every key but STRICT_KEY. */
const STRICT_URL = process.env.ASSAY_E2E_STRICT_MODEL_URL;
const STRICT_KEY = process.env.ASSAY_E2E_STRICT_MODEL_KEY;

/** Three agent traces, each a CHAIN root and an LLM call; two LLM outputs are JSON, one is not. */
const OUTPUTS = ['{"answer": 42}', "not json at all", '{"answer": "Paris"}'];
const RUN_TIMEOUT = 30_000;

let project;
let traceIds;
let codeEvaluator;
let resultName;

before(async () => {
  const now = Date.now();
  traceIds = [];
  const spans = OUTPUTS.flatMap((output, i) => {
    const traceId = hexId(16);
    traceIds.push(traceId);
    const root = hexId(8);
    const start = now - 300_000 + i * 10_000;
    return [
      otlpSpan({
        traceId, spanId: root, name: "agent", startMs: start, endMs: start + 2000,
        attributes: { "openinference.span.kind": "CHAIN", "input.value": `question ${i}`, "output.value": output },
      }),
      otlpSpan({
        traceId, spanId: hexId(8), parentId: root, name: "ChatCompletion", startMs: start + 100, endMs: start + 1500,
        attributes: { "openinference.span.kind": "LLM", "input.value": `question ${i}`, "output.value": output },
      }),
    ];
  });
  project = await sendSpans(uniqueName("tasks"), spans);
  resultName = `json_ok_${hexId(3)}`;
  codeEvaluator = await apiCall("POST", "/v2/evaluators", {
    name: uniqueName("json-check"), type: "CODE",
    version: {
      commit_message: "e2e",
      spec: { kind: "CODE", name: resultName, granularity: "SPAN", check: "JSON_PARSEABLE", variables: ["output"], params: {} },
    },
  });
});

/** A task made through the API, with one evaluator attached. */
function createTask(evaluatorId, type, extra = {}) {
  return apiCall("POST", "/v2/tasks", {
    name: uniqueName("task"), type, project_id: project.id, query_filter: "span_kind = 'LLM'",
    evaluators: [{ evaluator_id: evaluatorId }], ...extra,
  });
}

function triggerRun(taskId) {
  const now = Date.now();
  return apiCall("POST", `/v2/tasks/${encodeURIComponent(taskId)}/trigger`, {
    data_start_time: new Date(now - 3_600_000).toISOString(), data_end_time: new Date(now + 60_000).toISOString(),
  });
}

function runRow(page, status) {
  return page.getByRole("table", { name: "Runs" }).locator("tbody tr").filter({ hasText: status });
}

/** A judge whose model config points at the strict fake with a key it refuses. */
async function judgeWithRefusedKey() {
  if (!STRICT_URL) throw new Error("ASSAY_E2E_STRICT_MODEL_URL is not set: WebUiBrowserTest sets it");
  const config = await apiCall("POST", "/v2/ai-integrations", {
    name: uniqueName("strict-judge"), provider: "CUSTOM", base_url: STRICT_URL, model_names: ["judge-mini"], api_key: "sk-wrong",
  });
  const judge = await apiCall("POST", "/v2/evaluators", {
    name: uniqueName("judge"), type: "TEMPLATE",
    version: {
      commit_message: "e2e",
      spec: {
        kind: "LLM_JUDGE", name: `judged_${hexId(3)}`, granularity: "SPAN",
        messages: [{ role: "user", content: "Question: {input}\nAnswer: {output}\nIs the answer correct?" }],
        rails: { correct: 1, incorrect: 0 }, direction: "MAXIMIZE", include_explanation: false,
        use_structured_output: true, use_function_calling: true,
        model: { model_config_id: config.id, model_name: "judge-mini" },
      },
    },
  });
  return { config, judge };
}

uiTest("a task is created from an evaluator in the form, with the live count of matching spans", async (page) => {
  await page.goto(`/projects/${encodeURIComponent(project.id)}/tasks`);
  await page.getByRole("heading", { name: "Tasks", level: 1 }).waitFor();
  await page.getByRole("navigation", { name: "Project areas" }).getByRole("link", { name: "Tasks" }).waitFor();
  await page.getByRole("link", { name: "New task" }).click();
  await page.getByRole("heading", { name: "New task", level: 1 }).waitFor();

  const name = uniqueName("form-task");
  await page.getByRole("textbox", { name: "Task name" }).fill(name);
  const picker = page.getByRole("list", { name: "Evaluators to attach" });
  const option = picker.getByRole("listitem").filter({ hasText: codeEvaluator.name });
  assert.match(await option.innerText(), /SPAN/, "the picker shows each evaluator's granularity");
  await option.getByRole("checkbox").check();
  const mapping = page.getByRole("combobox", { name: "Mapping of output" });
  assert.equal(await mapping.inputValue(), "output", "the mapping is prefilled from the evaluator's variables");

  const count = page.getByRole("status", { name: "Matching targets" });
  await count.filter({ hasText: /\b6 matching spans/ }).waitFor();
  await page.getByRole("textbox", { name: "Task filter" }).fill("span_kind = 'LLM'");
  await count.filter({ hasText: /\b3 matching spans.*\b3\s+sampled/ }).waitFor();
  await page.getByRole("spinbutton", { name: "Sampling rate (%)" }).fill("0");
  await count.filter({ hasText: /\b3 matching spans.*\b0\s+sampled/ }).waitFor();
  await page.getByRole("spinbutton", { name: "Sampling rate (%)" }).fill("100");
  await page.getByRole("textbox", { name: "Task filter" }).fill("span_kind = ");
  await count.filter({ hasText: /expected|filter/i }).waitFor();
  await page.getByRole("textbox", { name: "Task filter" }).fill("span_kind = 'LLM'");
  await count.filter({ hasText: /\b3 matching spans/ }).waitFor();

  await page.getByRole("button", { name: "Create task" }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
  const settings = await page.getByRole("region", { name: "Settings" }).innerText();
  assert.match(settings, /span_kind = 'LLM'/);
  assert.match(await page.getByRole("table", { name: "Attached evaluators" }).innerText(), new RegExp(codeEvaluator.name));
  await page.getByText("No runs yet").waitFor();

  await page.getByRole("link", { name: "All tasks of the project" }).click();
  const row = page.getByRole("table", { name: "Tasks" }).locator("tbody tr").filter({ hasText: name });
  const text = await row.innerText();
  assert.match(text, /SPAN/);
  assert.match(text, /100%/);
  assert.match(text, /never/, "a task that never ran says so");
  assert.match(text, /runs only/);

  // Editing keeps the attached evaluator and its mapping; turning on continuous shows on the task.
  await row.getByRole("link", { name }).click();
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByRole("heading", { name: "Edit task", level: 1 }).waitFor();
  assert.equal(await page.getByRole("combobox", { name: "Mapping of output" }).inputValue(), "output");
  assert.equal(await page.getByRole("textbox", { name: "Task filter" }).inputValue(), "span_kind = 'LLM'");
  await page.getByRole("checkbox", { name: "Continuous" }).check();
  await page.getByRole("button", { name: "Save task" }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
  await page.getByRole("region", { name: "Settings" }).getByText("continuous", { exact: true }).waitFor();
});

uiTest("a run triggered in the dialog completes with counts and a full progress bar; results become trace columns and filters", async (page) => {
  const task = await createTask(codeEvaluator.id, "CODE_EVALUATION");
  await page.goto(`/projects/${encodeURIComponent(project.id)}/tasks/${encodeURIComponent(task.id)}`);
  await page.getByRole("heading", { name: task.name, level: 1 }).waitFor();
  await page.getByRole("button", { name: "Trigger run" }).click();
  const dialog = page.getByRole("dialog", { name: /Run/ });
  await dialog.waitFor();
  assert.equal(await dialog.getByRole("spinbutton", { name: "Max spans" }).inputValue(), "10000");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await dialog.waitFor({ state: "detached" });

  const done = runRow(page, "COMPLETED");
  await done.waitFor({ timeout: RUN_TIMEOUT });
  const cells = await done.locator("td").allInnerTexts();
  const headers = await page.getByRole("table", { name: "Runs" }).locator("th").allTextContents();
  const cell = (header) => cells[headers.indexOf(header)];
  assert.equal(cell("Successes"), "3", `three LLM spans evaluated: ${cells}`);
  assert.equal(cell("Errors"), "0");
  assert.equal(cell("Skipped"), "0");
  const bar = done.getByRole("progressbar", { name: "Run progress" });
  assert.equal(await bar.getAttribute("aria-valuenow"), await bar.getAttribute("aria-valuemax"), "every chunk is done");
  assert.match(await bar.getAttribute("aria-valuetext"), /3 targets/);
  await page.getByRole("status").filter({ hasText: "refreshing while a run is active" }).waitFor({ state: "detached" });

  // The span list shows a column named after the result, and the evaluation filter narrows it.
  await page.goto(`/projects/${encodeURIComponent(project.id)}/traces?view=spans&range=7d`);
  const spans = page.getByRole("table", { name: "Spans" });
  await spans.locator("th", { hasText: resultName }).waitFor();
  const column = (await spans.locator("th").allTextContents()).indexOf(resultName);
  const values = await spans.locator(`tbody tr td:nth-child(${column + 1})`).allInnerTexts();
  assert.equal(values.filter((v) => v.trim() !== "—").length, 3, `three spans carry a result: ${values}`);
  const form = page.getByRole("form", { name: "Filter by evaluation" });
  await form.getByRole("combobox", { name: "Evaluation name" }).selectOption(resultName);
  await form.getByRole("combobox", { name: "Evaluation part" }).selectOption("score");
  await form.getByRole("combobox", { name: "Comparison" }).selectOption("<");
  await form.getByRole("textbox", { name: "Evaluation value" }).fill("0.5");
  await form.getByRole("button", { name: "Add to filter" }).click();
  await page.waitForURL((url) => (url.searchParams.get("filter") ?? "").includes(`evals.${resultName}.score < 0.5`));
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Spans"] tbody tr').length === 1);
  assert.match(await spans.locator("tbody tr").innerText(), /ChatCompletion/);
  assert.equal(await spans.locator("tbody tr .eval-value.fail").count(), 1, "the failed result is coloured as a fail");
});

uiTest("trace-level results are trace columns, and the evaluation filter selects the traces they judge", async (page) => {
  const name = `trace_quality_${hexId(3)}`;
  await apiCall("POST", "/v2/evaluations", {
    project_id: project.id,
    evaluations: [
      { target_kind: "TRACE", target_id: traceIds[0], name, label: "good", score: 0.9, passed: true },
      { target_kind: "TRACE", target_id: traceIds[1], name, label: "bad", score: 0.1, passed: false },
    ],
  });
  await page.goto(`/projects/${encodeURIComponent(project.id)}/traces?range=7d`);
  const traces = page.getByRole("table", { name: "Traces" });
  await traces.locator("th", { hasText: name }).waitFor();
  assert.equal(await traces.locator("tbody tr .eval-value.pass").filter({ hasText: "good" }).count(), 1);
  assert.equal(await traces.locator("tbody tr .eval-value.fail").filter({ hasText: "bad" }).count(), 1);

  const form = page.getByRole("form", { name: "Filter by evaluation" });
  await form.getByRole("combobox", { name: "Evaluation name" }).selectOption(name);
  await form.getByRole("combobox", { name: "Evaluation part" }).selectOption("label");
  await form.getByRole("textbox", { name: "Evaluation value" }).fill("bad");
  await form.getByRole("button", { name: "Add to filter" }).click();
  await page.waitForURL((url) => url.searchParams.get("filter") === `evals.${name}.label = 'bad'`);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Traces"] tbody tr').length === 1);
  assert.equal(await traces.locator("tbody tr .eval-value.fail").count(), 1, "only the trace judged bad is left");
  assert.equal(await page.getByRole("searchbox", { name: "Filter expression" }).inputValue(), `evals.${name}.label = 'bad'`);
});

uiTest("a run paused by a refused key shows the reason, Resume lifts the pause, and fixing the key completes it", async (page) => {
  const { config, judge } = await judgeWithRefusedKey();
  const task = await createTask(judge.id, "TEMPLATE_EVALUATION");
  await triggerRun(task.id);
  await page.goto(`/projects/${encodeURIComponent(project.id)}/tasks/${encodeURIComponent(task.id)}`);

  const banner = page.getByRole("alert", { name: "Task paused" });
  await banner.waitFor({ timeout: RUN_TIMEOUT });
  const reason = await banner.innerText();
  assert.match(reason, /401|key|auth/i, `the banner says why: ${reason}`);
  assert.ok(!reason.includes("sk-wrong"), "the key itself is never shown");
  await runRow(page, "RUNNING").filter({ hasText: "Paused:" }).waitFor();
  const tasksList = await apiCall("GET", `/v2/tasks?project_id=${encodeURIComponent(project.id)}`);
  assert.ok(tasksList.tasks.find((t) => t.id === task.id).paused_reason, "the API reports the pause too");

  // Resuming with the key still wrong lifts the pause until the provider refuses again.
  await banner.getByRole("button", { name: "Resume" }).click();
  await banner.waitFor({ state: "detached" });
  await banner.waitFor({ timeout: RUN_TIMEOUT });

  // Fixing the key resumes the task by itself; the run completes.
  await apiCall("PATCH", `/v2/ai-integrations/${encodeURIComponent(config.id)}`, { api_key: STRICT_KEY });
  const done = runRow(page, "COMPLETED");
  await done.waitFor({ timeout: RUN_TIMEOUT });
  await banner.waitFor({ state: "detached" });
  const headers = await page.getByRole("table", { name: "Runs" }).locator("th").allTextContents();
  const cells = await done.locator("td").allInnerTexts();
  assert.equal(cells[headers.indexOf("Successes")], "3", `every LLM span judged once: ${cells}`);
});

uiTest("a waiting run is cancelled from the task page", async (page) => {
  const { config, judge } = await judgeWithRefusedKey();
  try {
    const task = await createTask(judge.id, "TEMPLATE_EVALUATION");
    await triggerRun(task.id);
    await page.goto(`/projects/${encodeURIComponent(project.id)}/tasks/${encodeURIComponent(task.id)}`);
    const running = runRow(page, "RUNNING");
    await running.waitFor({ timeout: RUN_TIMEOUT });
    await running.getByRole("button", { name: "Cancel" }).click();
    const cancelled = runRow(page, "CANCELLED");
    await cancelled.waitFor({ timeout: RUN_TIMEOUT });
    assert.equal(await cancelled.getByRole("button", { name: "Cancel" }).count(), 0, "a finished run cannot be cancelled");
    const [run] = (await apiCall("GET", `/v2/tasks/${encodeURIComponent(task.id)}/runs`)).task_runs;
    assert.equal(run.status, "CANCELLED");

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("heading", { name: "Tasks", level: 1 }).waitFor();
    assert.equal(await page.getByRole("link", { name: task.name }).count(), 0, "a deleted task leaves the list");
  } finally {
    await apiCall("DELETE", `/v2/ai-integrations/${encodeURIComponent(config.id)}`).catch(() => {});
  }
});
