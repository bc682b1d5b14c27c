// The experiments area on a real server: two experiments of two prompt versions over one dataset on the fake
// model, scored by an exact-match evaluator, where the second version answers wrong on two examples (a planted
// regression). The list shows both with their scores, the experiment page its summary and runs, and the compare
// view the per-evaluator delta, the regressed examples highlighted (and filtered), word diffs and histograms.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { uiTest } from "./support/browser.mjs";
import { apiCall, uniqueName } from "./support/api.mjs";
import { until, waitForCount } from "./support/wait.mjs";

const FAKE_MODEL_URL = process.env.ASSAY_E2E_FAKE_MODEL_URL;

/** `wrong` is what the second prompt version makes the fake model answer: different on two examples. */
const EXAMPLES = [
  { question: "Capital of France?", city: "Paris", wrong: "Lyon", expected: "Paris" },
  { question: "Capital of Japan?", city: "Tokyo", wrong: "Tokyo", expected: "Tokyo" },
  { question: "Capital of Italy?", city: "Rome", wrong: "Milan", expected: "Rome" },
  { question: "Capital of Peru?", city: "Lima", wrong: "Lima", expected: "Lima" },
];

let config;
let dataset;
let evaluatorName;
let baseline;
let candidate;

function runExperiment(name, versionId, evaluatorId) {
  return apiCall("POST", "/v2/experiments/run", {
    name, dataset_id: dataset.id,
    task: { type: "PROMPT", prompt_version_id: versionId, ai_integration_id: config.id, model: "chat-mini" },
    evaluators: [{ evaluator_id: evaluatorId }], concurrency: 2,
  });
}

function completed(id) {
  return until(() => apiCall("GET", `/v2/experiments/${encodeURIComponent(id)}`), (e) => !["PENDING", "RUNNING"].includes(e.status), 60_000, `experiment ${id}`);
}

before(async () => {
  if (!FAKE_MODEL_URL) throw new Error("ASSAY_E2E_FAKE_MODEL_URL is not set: WebUiBrowserTest sets it to its fake model server");
  config = await apiCall("POST", "/v2/ai-integrations", {
    name: uniqueName("fake-llm"), provider: "CUSTOM", base_url: FAKE_MODEL_URL, model_names: ["chat-mini"], api_key: "sk-fake",
  });
  dataset = await apiCall("POST", "/v2/datasets", { name: uniqueName("capitals"), examples: EXAMPLES });
  const message = (variable) => [{ role: "USER", content: `{{question}} Answer with one of: {{${variable}}}` }];
  const prompt = await apiCall("POST", "/v2/prompts", {
    name: uniqueName("capitals"),
    version: { commit_message: "right", provider: "CUSTOM", model: "chat-mini", input_variable_format: "MUSTACHE", messages: message("city") },
  });
  const v2 = await apiCall("POST", `/v2/prompts/${encodeURIComponent(prompt.id)}/versions`, {
    commit_message: "wrong on two", provider: "CUSTOM", model: "chat-mini", input_variable_format: "MUSTACHE", messages: message("wrong"),
  });
  evaluatorName = `exact_${Date.now().toString(36)}`;
  const evaluator = await apiCall("POST", "/v2/evaluators", {
    name: uniqueName("exact"), type: "CODE",
    version: { commit_message: "e2e", spec: { kind: "CODE", name: evaluatorName, granularity: "EXAMPLE", check: "EXACT_MATCH", variables: ["output", "reference"], params: {} } },
  });
  baseline = await runExperiment(uniqueName("baseline"), prompt.version.id, evaluator.id);
  candidate = await runExperiment(uniqueName("candidate"), v2.id, evaluator.id);
  for (const e of [baseline, candidate]) {
    const done = await completed(e.id);
    assert.equal(done.status, "COMPLETED", JSON.stringify(done));
  }
});

after(async () => {
  if (config) await apiCall("DELETE", `/v2/ai-integrations/${encodeURIComponent(config.id)}`);
});

uiTest("the dataset's experiments list both runs with status, mean score and run counts", async (page) => {
  await page.goto(`/experiments?dataset=${encodeURIComponent(dataset.id)}`);
  const rows = page.getByRole("table", { name: "Experiments" }).locator("tbody tr");
  await waitForCount(rows, 2);
  const base = rows.filter({ hasText: baseline.name });
  await base.getByText("COMPLETED").waitFor();
  await base.locator(".eval-chip", { hasText: evaluatorName }).getByText("1.000").waitFor();
  await base.getByText("4/4").waitFor();
  await rows.filter({ hasText: candidate.name }).locator(".eval-chip", { hasText: evaluatorName }).getByText("0.500").waitFor();
});

uiTest("an experiment page shows summary cards and runs, and leads to the compare view", async (page) => {
  await page.goto(`/experiments/${encodeURIComponent(candidate.id)}`);
  await page.getByRole("heading", { name: candidate.name, level: 1 }).waitFor();
  const card = page.getByRole("listitem", { name: `Evaluator ${evaluatorName}` });
  await card.getByText("0.500").waitFor();
  await card.getByText(/Pass rate 50\.0% \(2\/4\)/).waitFor();
  await card.getByText(/95% CI/).waitFor();
  await waitForCount(page.getByRole("table", { name: "Runs" }).locator("tbody tr"), 4);

  await page.getByRole("combobox", { name: "Baseline" }).selectOption({ label: baseline.name });
  await page.waitForURL(/\/compare\?baseline=/);
  await page.getByRole("heading", { name: `Compare ${candidate.name}` }).waitFor();
});

uiTest("the compare view highlights the planted regression, filters to it, and charts both distributions", async (page) => {
  await page.goto(`/experiments/${encodeURIComponent(candidate.id)}/compare?baseline=${encodeURIComponent(baseline.id)}`);
  const evaluators = page.getByRole("table", { name: "Evaluators compared" });
  const row = evaluators.locator("tbody tr").filter({ hasText: evaluatorName });
  await row.waitFor();
  const cells = await row.locator("td").allInnerTexts();
  assert.deepEqual(cells.slice(1, 4), ["1.000", "0.500", "−0.500"]);
  assert.deepEqual(cells.slice(5), ["0", "2", "2"]);

  const examples = page.getByRole("table", { name: "Examples compared" }).locator("tbody tr");
  await waitForCount(examples, 4);
  const regressed = page.getByRole("table", { name: "Examples compared" }).locator("tbody tr.regressed");
  await waitForCount(regressed, 2);
  const france = regressed.filter({ hasText: "Capital of France?" });
  assert.equal(await france.locator("del").innerText(), "Paris");
  assert.equal(await france.locator("ins").innerText(), "Lyon");
  await france.getByText("regressed").waitFor();
  assert.equal(await examples.filter({ hasText: "Capital of Japan?" }).locator("del, ins").count(), 0);

  await page.getByRole("checkbox", { name: "Only regressed examples" }).check();
  await waitForCount(examples, 2);
  assert.match(page.url(), /only=regressed/);
  assert.equal(await examples.filter({ hasText: "Capital of Peru?" }).count(), 0);

  const chart = page.getByRole("img", { name: `Score distribution of ${evaluatorName}: baseline and experiment` });
  await chart.waitFor();
  // Baseline: four scores of 1 in the top bin; candidate: two of 0 and two of 1.
  assert.equal(await chart.locator("rect.bar-baseline title").filter({ hasText: /^baseline: 4 in bin 10$/ }).count(), 1);
  assert.equal(await chart.locator("rect.bar-experiment title").filter({ hasText: /^experiment: 2 in bin 1$/ }).count(), 1);
  assert.equal(await chart.locator("rect.bar-experiment title").filter({ hasText: /^experiment: 2 in bin 10$/ }).count(), 1);
});
