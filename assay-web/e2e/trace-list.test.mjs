// The trace list: the next page loads when its end scrolls into view, the time range lives in the URL,
// and Refresh runs the query again with a window ending now.
import assert from "node:assert/strict";
import { before } from "node:test";
import { uniqueName } from "./support/api.mjs";
import { uiTest } from "./support/browser.mjs";
import { hexId, otlpSpan, sendSpans } from "./support/otlp.mjs";

const TRACES = 60; // more than one page (50)
let project;

before(async () => {
  const now = Date.now();
  const spans = Array.from({ length: TRACES }, (_, i) =>
    otlpSpan({
      traceId: hexId(16), spanId: hexId(8), name: `job-${String(i).padStart(2, "0")}`,
      startMs: now - 300_000 + i * 1000, endMs: now - 300_000 + i * 1000 + 200,
      attributes: { "openinference.span.kind": "CHAIN", "input.value": `request ${i}` },
    }));
  project = await sendSpans(uniqueName("scroll"), spans);
});

const bodyRows = (page) => page.getByRole("table", { name: "Traces" }).locator("tbody tr");

uiTest("loads the next page of traces when the end of the table scrolls into view", async (page) => {
  await page.goto(`/projects/${project.id}/traces`);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Traces"] tbody tr').length === 50);
  assert.match(await bodyRows(page).first().innerText(), /job-59/, "newest first");

  await bodyRows(page).last().scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="Traces"] tbody tr').length === n, TRACES);
  assert.match(await bodyRows(page).last().innerText(), /job-00/);
  await page.getByText(`All ${TRACES} traces shown`).waitFor();
});

uiTest("a time range that ends before the traces shows none, and survives a reload", async (page) => {
  await page.goto(`/projects/${project.id}/traces`);
  await bodyRows(page).first().waitFor();

  await page.getByRole("combobox", { name: "Time range" }).selectOption("custom");
  await page.getByRole("textbox", { name: "From", exact: true }).fill("2020-01-01T00:00");
  await page.getByRole("textbox", { name: "To", exact: true }).fill("2020-01-02T00:00");
  await page.getByRole("button", { name: "Apply range" }).click();
  await page.getByText("No traces in this time range").waitFor();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("range"), "custom");
  assert.ok(url.searchParams.get("from")?.startsWith("2020-01-01") || url.searchParams.get("from")?.startsWith("2019-12-31"));

  await page.reload();
  await page.getByText("No traces in this time range").waitFor();
  assert.equal(await page.getByRole("combobox", { name: "Time range" }).inputValue(), "custom");

  await page.getByRole("combobox", { name: "Time range" }).selectOption("1h");
  await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="Traces"] tbody tr').length >= n, 50);
  assert.equal(new URL(page.url()).searchParams.get("range"), "1h");
});

uiTest("Refresh shows traces that arrived after the list loaded", async (page) => {
  const name = uniqueName("refresh");
  const send = (label, ago) => sendSpans(name, [otlpSpan({
    traceId: hexId(16), spanId: hexId(8), name: label, startMs: Date.now() - ago, endMs: Date.now() - ago + 100,
    attributes: { "openinference.span.kind": "AGENT" },
  })]);
  const fresh = await send("first-run", 5000);
  await page.goto(`/projects/${fresh.id}/traces?range=15m`);
  await page.getByRole("link", { name: "first-run" }).waitFor();

  await send("second-run", 1000);
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByRole("link", { name: "second-run" }).waitFor();
  assert.equal(await bodyRows(page).count(), 2);
});
