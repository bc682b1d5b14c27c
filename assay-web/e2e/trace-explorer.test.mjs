// The trace explorer on a real agent conversation sent over OTLP/JSON: the Traces page lists and filters
// it, the trace view shows its span tree, an LLM span's messages and tool call, a retriever's scored
// documents and a failed span's exception, and the Sessions page shows the conversation.
import assert from "node:assert/strict";
import { before } from "node:test";
import { apiCall, uniqueName } from "./support/api.mjs";
import { agentConversation } from "./support/agentTrace.mjs";
import { uiTest } from "./support/browser.mjs";
import { sendSpans } from "./support/otlp.mjs";

let project;
let sessionId;
let convo;

before(async () => {
  sessionId = uniqueName("session");
  convo = agentConversation(sessionId);
  project = await sendSpans(uniqueName("explorer"), convo.spans);
});

const tracesUrl = () => `/projects/${project.id}/traces`;
const traceUrl = (span) => `/projects/${project.id}/traces/${convo.ids.trace1}${span ? `?span=${span}` : ""}`;

/** The body rows of a table, once `count` of them are shown. */
async function rows(page, table, count) {
  const body = page.getByRole("table", { name: table }).locator("tbody tr");
  await page.waitForFunction(
    ([name, n]) => document.querySelectorAll(`table[aria-label="${name}"] tbody tr`).length === n,
    [table, count],
  );
  return body;
}

async function applyFilter(page, expression) {
  const input = page.getByRole("searchbox", { name: "Filter expression" });
  await input.fill(expression);
  await input.press("Enter");
}

uiTest("lists the project's traces, newest first, with their roll-ups", async (page) => {
  await page.goto(tracesUrl());

  const body = await rows(page, "Traces", 2);
  const texts = await body.allInnerTexts();
  assert.match(texts[0], /And tomorrow\?/, "the second turn started last, so it comes first");
  assert.match(texts[1], /What is the weather in Paris\?/);
  assert.match(texts[1], /It is 18°C and sunny in Paris\./);
  assert.match(texts[1], /Error/, "a trace with a failed span is marked");
  assert.match(texts[1], /\b6 spans\b/, "the first trace has six spans");
  assert.match(texts[1], /helpful\s*0\.90/, "the root span's evaluation");
  const headers = await page.getByRole("table", { name: "Traces" }).locator("th").allTextContents();
  assert.ok(headers.includes("helpfulness"), `a column per evaluation name: ${headers}`);
});

uiTest("filters traces with the filter language, keeps rows on a bad filter, and keeps the filter in the URL", async (page) => {
  await page.goto(tracesUrl());
  await rows(page, "Traces", 2);

  await applyFilter(page, "span_kind = 'TOOL'");
  const toolRows = await rows(page, "Traces", 1);
  assert.match(await toolRows.first().innerText(), /What is the weather in Paris\?/);
  assert.equal(new URL(page.url()).searchParams.get("filter"), "span_kind = 'TOOL'");

  await page.reload();
  await rows(page, "Traces", 1);
  assert.equal(await page.getByRole("searchbox", { name: "Filter expression" }).inputValue(), "span_kind = 'TOOL'");

  await applyFilter(page, "span_kind = ");
  const error = page.getByRole("search", { name: "Filter" }).getByRole("alert");
  await error.waitFor();
  assert.match(await error.innerText(), /at column \d+: expected a value/, "the server's detail says where and what");
  assert.match(await (await rows(page, "Traces", 1)).first().innerText(), /What is the weather in Paris\?/,
    "the last results stay while the filter is wrong");

  await applyFilter(page, "name = 'no-such-span-anywhere'");
  await page.getByText("No traces match this filter in this time range").waitFor();
  assert.equal(await error.count(), 0, "a filter that parses clears the error");
});

uiTest("lists spans with their kinds and filters them", async (page) => {
  await page.goto(`${tracesUrl()}?view=spans`);
  await rows(page, "Spans", 7);
  assert.equal(await page.getByRole("button", { name: "Spans" }).getAttribute("aria-pressed"), "true");

  await applyFilter(page, "span_kind = 'RETRIEVER'");
  const body = await rows(page, "Spans", 1);
  const text = await body.first().innerText();
  assert.match(text, /retrieve-docs/);
  assert.match(text, /RETRIEVER/);
});

uiTest("opens a trace from the list and shows its span tree", async (page) => {
  await page.goto(tracesUrl());
  const row = (await rows(page, "Traces", 2)).filter({ hasText: convo.question });
  await row.getByRole("link", { name: "weather-agent" }).click();

  await page.waitForURL(`**/traces/${convo.ids.trace1}`);
  const tree = page.getByRole("tree", { name: "Span tree" });
  await tree.getByRole("treeitem", { name: "retrieve-docs" }).waitFor();
  const items = tree.getByRole("treeitem");
  const shown = await items.evaluateAll((els) => els.map((el) => [el.getAttribute("aria-label"), el.getAttribute("aria-level")]));
  assert.deepEqual(shown, [
    ["weather-agent", "1"],
    ["ChatCompletion", "2"],
    ["get_weather", "2"],
    ["forecast-api", "3"],
    ["retrieve-docs", "2"],
    ["summarize-report", "2"],
  ]);
  assert.equal(await tree.getByRole("treeitem", { name: "weather-agent" }).getAttribute("aria-selected"), "true",
    "the root is selected when the URL names no span");
  assert.match(await tree.getByRole("treeitem", { name: "forecast-api" }).innerText(), /Error/);
  const root = page.getByRole("region", { name: "Span weather-agent" });
  assert.deepEqual(await root.getByRole("list", { name: "Tags" }).getByRole("listitem").allInnerTexts(), ["weather", "beta"]);
  assert.match(await root.getByRole("region", { name: "Metadata" }).innerText(), /"app_version": "1\.4\.2"/);

  // The keyboard walks the tree: Down selects the next row, Left on an open branch folds it.
  await tree.getByRole("treeitem", { name: "weather-agent" }).getByRole("button", { name: /weather-agent/ }).first().focus();
  const selectedIs = (name) => tree.locator(`[role="treeitem"][aria-label="${name}"][aria-selected="true"]`).waitFor();
  await page.keyboard.press("ArrowDown");
  await selectedIs("ChatCompletion");
  await page.keyboard.press("ArrowDown");
  await selectedIs("get_weather");
  assert.equal(new URL(page.url()).searchParams.get("span"), convo.ids.tool);
  await page.keyboard.press("ArrowLeft");
  await tree.getByRole("treeitem", { name: "forecast-api" }).waitFor({ state: "detached" });
  await page.keyboard.press("ArrowRight");
  await tree.getByRole("treeitem", { name: "forecast-api" }).waitFor();

  await tree.getByRole("button", { name: "Collapse get_weather" }).click();
  await tree.getByRole("treeitem", { name: "forecast-api" }).waitFor({ state: "detached" });
  await tree.getByRole("button", { name: "Expand get_weather" }).click();
  await tree.getByRole("treeitem", { name: "forecast-api" }).waitFor();
});

uiTest("shows an LLM span's messages by role and its tool call, and keeps the span in the URL", async (page) => {
  await page.goto(traceUrl());
  await page.getByRole("treeitem", { name: "ChatCompletion" }).getByRole("button", { name: /ChatCompletion/ }).click();
  await page.waitForURL(`**?span=${convo.ids.llm}`);

  const detail = page.getByRole("region", { name: "Span ChatCompletion" });
  const input = detail.getByRole("list", { name: "Input messages" }).getByRole("listitem");
  await input.first().waitFor();
  assert.deepEqual(await input.evaluateAll((els) => els.map((el) => el.getAttribute("aria-label"))),
    ["system message", "user message"]);
  assert.match(await input.nth(0).innerText(), /You are a weather assistant\. Use the tools\./);
  assert.match(await input.nth(1).innerText(), /What is the weather in Paris\?/);

  const output = detail.getByRole("list", { name: "Output messages" }).getByRole("listitem");
  assert.equal(await output.count(), 1);
  assert.equal(await output.first().getAttribute("aria-label"), "assistant message");
  const call = output.first().getByLabel("Tool call get_weather");
  assert.match(await call.innerText(), /get_weather/);
  assert.match(await call.innerText(), /"city": "Paris"/, "arguments are shown as pretty JSON");
  assert.match(await detail.innerText(), /gpt-4o-mini/);
  const request = detail.getByRole("region", { name: "LLM request" });
  assert.match(await request.innerText(), /"temperature": 0/);
  assert.deepEqual(await request.getByRole("list", { name: "Tools offered" }).getByRole("listitem").allInnerTexts(),
    ["get_weather"]);

  await detail.getByRole("tab", { name: /Evaluations/ }).click();
  const evaluation = detail.getByRole("table", { name: "Evaluations" }).locator("tbody tr");
  assert.equal(await evaluation.count(), 1);
  assert.match(await evaluation.first().innerText(), /tool_choice\s+Evaluation\s+correct\s+1\s+Asked for the weather tool\./);

  await page.reload();
  await page.getByRole("region", { name: "Span ChatCompletion" }).getByRole("list", { name: "Input messages" }).waitFor();
  assert.equal(await page.getByRole("treeitem", { name: "ChatCompletion" }).getAttribute("aria-selected"), "true");
});

uiTest("fetches the whole span when the trace holds only a preview of it", async (page) => {
  const trace = await apiCall("GET", `/v2/traces/${convo.ids.trace1}?project_id=${encodeURIComponent(project.id)}`);
  const preview = trace.spans.find((s) => s.context.span_id === convo.ids.summarize);
  assert.deepEqual(preview.truncated_attributes, ["llm.input_messages.0.message.content"], "the trace lists a preview");

  const whole = page.waitForRequest((r) => new URL(r.url()).pathname === `/v2/spans/${convo.ids.summarize}`);
  await page.goto(traceUrl(convo.ids.summarize));
  await whole;
  const message = page.getByRole("region", { name: "Span summarize-report" })
    .getByRole("list", { name: "Input messages" }).getByRole("listitem").first();
  await message.getByText(/END-OF-REPORT/).waitFor();
  assert.equal((await message.locator(".message-content").innerText()).trim(), convo.report);
});

uiTest("shows a retriever's documents with their scores", async (page) => {
  await page.goto(traceUrl(convo.ids.retriever));

  const docs = page.getByRole("region", { name: "Span retrieve-docs" }).getByRole("region", { name: "Retrieved documents" });
  await docs.waitFor();
  const items = docs.getByRole("listitem");
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).innerText(), /doc-paris[\s\S]*score 0\.92[\s\S]*temperate oceanic climate/);
  assert.match(await items.nth(1).innerText(), /doc-lyon[\s\S]*score 0\.41/);
});

uiTest("shows a failed span's exception and status", async (page) => {
  await page.goto(traceUrl(convo.ids.http));

  const detail = page.getByRole("region", { name: "Span forecast-api" });
  const exception = detail.getByRole("group", { name: "Exception" });
  await exception.waitFor();
  assert.match(await exception.innerText(), /TimeoutError: forecast service timed out after 250 ms/);
  assert.match(await detail.innerText(), /forecast service timed out/);

  await detail.getByRole("tab", { name: /Events/ }).click();
  const panel = detail.getByRole("tabpanel");
  await panel.getByText("Stack trace").click();
  assert.match(await panel.innerText(), /at fetchForecast \(weather\.js:12:9\)/);

  await detail.getByRole("tab", { name: "Attributes" }).click();
  await detail.getByRole("searchbox", { name: "Search attributes" }).fill("http.url");
  const attrRows = detail.getByRole("table", { name: "Attributes" }).locator("tbody tr");
  assert.equal(await attrRows.count(), 1);
  assert.match(await attrRows.first().innerText(), /https:\/\/forecast\.example\/v1/);
});

uiTest("lists and filters the sessions, and shows one as a conversation of turns", async (page) => {
  await page.goto(`/projects/${project.id}/sessions`);
  const body = await rows(page, "Sessions", 1);
  const text = await body.first().innerText();
  assert.match(text, new RegExp(sessionId));
  assert.match(text, /What is the weather in Paris\?/, "the first input");
  assert.match(text, /Tomorrow brings rain, 14°C\./, "the last output");

  await applyFilter(page, "span_kind = 'RETRIEVER'");
  assert.match(await (await rows(page, "Sessions", 1)).first().innerText(), new RegExp(sessionId),
    "a session is listed when any of its spans matches");
  await applyFilter(page, "span_kind = 'EMBEDDING'");
  await page.getByText("No sessions match this filter in this time range").waitFor();
  await page.goBack();
  const back = await rows(page, "Sessions", 1);

  await back.first().getByRole("link", { name: sessionId }).click();
  await page.waitForURL(`**/sessions/${sessionId}`);
  const turns = page.getByRole("list", { name: "Conversation" }).locator(":scope > li");
  await turns.first().waitFor();
  assert.equal(await turns.count(), 2);
  assert.match(await turns.nth(0).getByLabel("user message").innerText(), /What is the weather in Paris\?/);
  assert.match(await turns.nth(0).getByLabel("assistant message").innerText(), /It is 18°C and sunny in Paris\./);
  assert.match(await turns.nth(1).getByLabel("user message").innerText(), /And tomorrow\?/);
  assert.match(await turns.nth(1).getByLabel("assistant message").innerText(), /Tomorrow brings rain, 14°C\./);

  await page.getByRole("link", { name: "Open trace of turn 1" }).click();
  await page.waitForURL(`**/traces/${convo.ids.trace1}`);
  await page.getByRole("tree", { name: "Span tree" }).getByRole("treeitem", { name: "forecast-api" }).waitFor();
});

uiTest("says so when the trace or the span in the URL does not exist", async (page) => {
  await page.goto(`/projects/${project.id}/traces/${"0".repeat(31)}1`);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /Could not load the trace: Not Found \(HTTP 404\)/);

  await page.goto(traceUrl("00000000000000ff"));
  await page.getByText("Span 00000000000000ff is not in this trace").waitFor();
  assert.equal(await page.getByRole("treeitem", { selected: true }).count(), 0);
});
