// The evaluators area on a real server: the judge-template gallery, a form started from a template whose
// variables are mapped against an ingested span, a code evaluator tested on 5 recent spans and saved, a
// model config created and tested (against the fake model server when the harness passes its URL, else an
// unreachable endpoint whose error must show), and stored TRACE / SESSION results on the trace and
// session views.
import assert from "node:assert/strict";
import { before } from "node:test";
import { apiCall, uniqueName } from "./support/api.mjs";
import { agentConversation } from "./support/agentTrace.mjs";
import { uiTest } from "./support/browser.mjs";
import { sendSpans } from "./support/otlp.mjs";

/** Set by WebUiBrowserTest: the OpenAI-compatible fake model server's base URL (…/v1). */
const FAKE_MODEL_URL = process.env.ASSAY_E2E_FAKE_MODEL_URL;

let project;
let convo;
let sessionId;
let templates;

before(async () => {
  sessionId = uniqueName("session");
  convo = agentConversation(sessionId);
  project = await sendSpans(uniqueName("evaluators"), convo.spans);
  ({ templates } = await apiCall("GET", "/v2/evaluator-templates"));
});

async function rowsOf(page, table, count) {
  await page.waitForFunction(
    ([name, n]) => document.querySelectorAll(`table[aria-label="${name}"] tbody tr`).length === n,
    [table, count],
  );
  return page.getByRole("table", { name: table }).locator("tbody tr");
}

async function chooseSampleProject(page) {
  await page.getByRole("combobox", { name: "Sample project" }).selectOption(project.id);
  await page.getByLabel("Sample span").waitFor();
}

uiTest("the gallery shows every built-in judge template with its rails, variables and direction", async (page) => {
  await page.goto("/evaluators");
  await page.getByRole("heading", { name: "Evaluators", level: 1 }).waitFor();
  const cards = page.getByRole("list", { name: "Judge templates" }).getByRole("listitem").filter({ has: page.getByRole("heading") });
  await cards.first().waitFor();
  assert.ok(templates.length >= 14, `the server lists ${templates.length} templates`);
  assert.equal(await cards.count(), templates.length);

  const hallucination = templates.find((t) => t.id === "hallucination");
  assert.ok(hallucination, "the hallucination template is built in");
  const card = page.getByRole("listitem", { name: hallucination.name, exact: true });
  const text = await card.innerText();
  assert.match(text, new RegExp(hallucination.granularity));
  for (const [label, score] of Object.entries(hallucination.rails)) {
    const shown = Number.isInteger(score) ? String(score) : score.toFixed(2);
    assert.match(text, new RegExp(`${label}\\s*${shown.replace(".", "\\.")}`), `rail ${label}`);
  }
  for (const variable of hallucination.variables) {
    assert.ok(text.includes(variable), `variable ${variable}`);
  }
  assert.match(text, /lower is better|higher is better|no direction/);

  const session = templates.find((t) => t.id === "user_frustration");
  assert.match(await page.getByRole("listitem", { name: session.name, exact: true }).innerText(), /SESSION/);
});

uiTest("a template's variables map against a real span, with a preview of each bound value", async (page) => {
  const hallucination = templates.find((t) => t.id === "hallucination");
  await page.goto("/evaluators");
  await page.getByRole("link", { name: `Use ${hallucination.name}` }).click();
  await page.waitForURL("**/evaluators/new?template=hallucination");
  assert.equal(await page.getByRole("textbox", { name: "Result name" }).inputValue(), "hallucination");
  assert.equal(await page.getByRole("combobox", { name: "Template" }).inputValue(), "hallucination");

  const { ai_integrations: models } = await apiCall("GET", "/v2/ai-integrations");
  if (models.length === 0) {
    const notice = page.getByRole("note").filter({ hasText: "No model is configured" });
    await notice.waitFor();
    assert.equal(await notice.getByRole("link", { name: "Add a model" }).getAttribute("href"), "/models");
  }

  await chooseSampleProject(page);
  const filter = page.getByRole("textbox", { name: "Sample filter" });
  await filter.fill("name = 'ChatCompletion'");
  await filter.press("Enter");
  await page.getByLabel("Sample span").filter({ hasText: "ChatCompletion" }).waitFor();

  const mapping = page.getByRole("table", { name: "Variable mapping" });
  for (const variable of hallucination.variables) {
    assert.equal(await mapping.getByLabel(`Mapping for ${variable}`).inputValue(), variable,
      "a variable binds to the field of its own name by default");
  }
  const first = hallucination.variables[0];
  await mapping.getByLabel(`Mapping for ${first}`).fill("attributes.llm.model_name");
  await page.waitForFunction((v) => document.querySelector(`[aria-label="Preview of ${v}"]`)?.textContent === "gpt-4o-mini", first);
  await mapping.getByLabel(`Mapping for ${first}`).fill("attributes.no.such.key");
  await page.waitForFunction((v) => document.querySelector(`[aria-label="Preview of ${v}"]`)?.textContent === "(nothing on this span)", first);
});

uiTest("a code evaluator runs on 5 recent spans without saving, then saves, gets a version, shows in the list and is deleted", async (page) => {
  const name = uniqueName("json-output");
  await page.goto("/evaluators/new");
  await page.getByRole("radio", { name: "Code check" }).click();
  await page.getByRole("combobox", { name: "Check" }).selectOption("JSON_PARSEABLE");
  await page.getByRole("textbox", { name: "Evaluator name" }).fill(name);
  await page.getByRole("textbox", { name: "Result name" }).fill("json_output");
  await chooseSampleProject(page);
  assert.equal(await page.getByLabel("Mapping for output").inputValue(), "output");

  await page.getByRole("button", { name: "Test on 5 samples" }).click();
  const rows = await rowsOf(page, "Test results", 5);
  const texts = await rows.allInnerTexts();
  const saved = await apiCall("GET", `/v2/evaluators?name=${encodeURIComponent(name)}`);
  assert.equal(saved.evaluators.length, 0, "testing stores no evaluator");
  const { evaluations } = await apiCall("GET", `/v2/evaluations?project_id=${encodeURIComponent(project.id)}&name=json_output`);
  assert.equal(evaluations.length, 0, "testing stores no result");
  assert.ok(texts.some((t) => /temperature/.test(t) && /Passed/.test(t)), `the tool's JSON output passes: ${texts.join(" | ")}`);
  assert.ok(texts.some((t) => !/temperature/.test(t) && !/Passed/.test(t)), "a text output does not pass");

  await page.getByRole("button", { name: "Save evaluator" }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/evaluators\/[^/]+$/);
  const versions = await rowsOf(page, "Versions", 1);
  assert.match(await versions.first().innerText(), /v1/);

  await page.getByRole("textbox", { name: "Commit message" }).fill("stricter threshold");
  await page.getByRole("textbox", { name: "Threshold" }).fill("1");
  await page.getByRole("button", { name: "Save new version" }).click();
  const both = await rowsOf(page, "Versions", 2);
  assert.match(await both.first().innerText(), /v2[\s\S]*stricter threshold/);

  await page.getByRole("link", { name: "Evaluators" }).first().click();
  const row = page.getByRole("table", { name: "Saved evaluators" }).locator("tbody tr").filter({ hasText: name });
  await row.waitFor();
  assert.match(await row.innerText(), /Code check/);

  await row.getByRole("link", { name }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await page.waitForURL((url) => url.pathname === "/evaluators");
  await page.locator('table[aria-label="Saved evaluators"], .state-empty').first().waitFor();
  assert.equal(await page.getByRole("link", { name }).count(), 0, "a deleted evaluator leaves the list");
});

uiTest("a judge from a template runs on 5 samples with the picked model and shows labels and explanations", async (page) => {
  if (!FAKE_MODEL_URL) {
    throw new Error("ASSAY_E2E_FAKE_MODEL_URL is not set: WebUiBrowserTest sets it to its fake model server");
  }
  const config = await apiCall("POST", "/v2/ai-integrations", {
    name: uniqueName("fake-judge"), provider: "CUSTOM", base_url: FAKE_MODEL_URL, model_names: ["judge-mini"], api_key: "sk-fake",
  });
  try {
    await page.goto("/evaluators/new?template=conciseness");
    const picker = page.getByRole("combobox", { name: "Judge model" });
    await picker.locator("option", { hasText: `${config.name} / judge-mini` }).waitFor({ state: "attached" });
    await picker.selectOption({ label: `${config.name} / judge-mini` });
    await chooseSampleProject(page);
    await page.getByRole("button", { name: "Test on 5 samples" }).click();
    const rows = await rowsOf(page, "Test results", 5);
    const template = templates.find((t) => t.id === "conciseness");
    const labels = Object.keys(template.rails);
    let judged = 0;
    for (let i = 0; i < 5; i++) {
      const row = rows.nth(i);
      const text = await row.innerText();
      const note = (await row.locator(".cell-text").innerText()).trim();
      if (labels.some((label) => text.includes(label))) {
        judged++;
        assert.ok(note.length > 0 && !note.startsWith("Error"), `a judged row shows the judge's explanation: ${text}`);
      } else {
        assert.match(note, /^Error: /, `a row without a label shows why: ${text}`);
      }
    }
    assert.ok(judged > 0, "the fake model's labels come back as results");
  } finally {
    await apiCall("DELETE", `/v2/ai-integrations/${encodeURIComponent(config.id)}`);
  }
});

uiTest("a model config is created without showing its key, tested, and deleted", async (page) => {
  const name = uniqueName("judge-model");
  const key = `sk-e2e-${uniqueName("secret")}`;
  await page.goto("/models");
  await page.getByRole("button", { name: "Add a model" }).click();
  const form = page.getByRole("form", { name: "New model" });
  await form.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await form.getByRole("combobox", { name: "Provider" }).selectOption("CUSTOM");
  await form.getByRole("textbox", { name: "Base URL" }).fill(FAKE_MODEL_URL ?? "http://127.0.0.1:9/v1");
  await form.getByRole("textbox", { name: "Model names" }).fill("judge-mini");
  assert.equal(await form.getByLabel("API key").getAttribute("type"), "password");
  await form.getByLabel("API key").fill(key);
  await form.getByRole("textbox", { name: "Requests per minute" }).fill("600");
  await form.getByRole("button", { name: "Save model" }).click();

  const row = page.getByRole("table", { name: "Models" }).locator("tbody tr").filter({ hasText: name });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /CUSTOM/);
  assert.match(text, /key set/);
  assert.match(text, /600 RPM/);
  assert.ok(!(await page.content()).includes(key), "the page never holds the key");

  await row.getByRole("button", { name: "Test" }).click();
  if (FAKE_MODEL_URL) {
    await row.getByRole("status").filter({ hasText: "answered in" }).waitFor();
  } else {
    const error = row.getByRole("alert");
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.innerText(), /HTTP 502|refused|connect|unreachable/i, "the error says why the call failed");
  }

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Delete" }).click();
  await row.waitFor({ state: "detached" });
  const { ai_integrations: left } = await apiCall("GET", "/v2/ai-integrations");
  assert.ok(!left.some((m) => m.name === name));
});

uiTest("trace and session results show on the trace and session views", async (page) => {
  await apiCall("POST", "/v2/evaluations", {
    project_id: project.id,
    evaluations: [
      { target_kind: "TRACE", target_id: convo.ids.trace1, name: "goal_completion", label: "completed", score: 1,
        explanation: "The agent answered the weather question.", passed: true, annotator_kind: "LLM" },
      { target_kind: "SESSION", target_id: sessionId, name: "user_frustration", label: "not_frustrated", score: 0,
        explanation: "The user asked a calm follow-up.", passed: true, annotator_kind: "LLM" },
    ],
  });

  await page.goto(`/projects/${project.id}/traces/${convo.ids.trace1}`);
  const traceRows = await rowsOf(page, "Trace evaluations", 1);
  assert.match(await traceRows.first().innerText(),
    /goal_completion\s+Evaluation\s+completed\s+1\s+The agent answered the weather question\.\s+Passed\s+LLM/);

  await page.goto(`/projects/${project.id}/sessions/${sessionId}`);
  const sessionRows = await rowsOf(page, "Session evaluations", 1);
  assert.match(await sessionRows.first().innerText(), /user_frustration\s+Evaluation\s+not_frustrated\s+0\s+The user asked a calm follow-up\.\s+Passed/);
});
