// The Projects page (/projects): the real /v2/project-summaries, rendered with counts, paging,
// filtering, and its loading, error and empty states.
import assert from "node:assert/strict";
import { before } from "node:test";
import { createProject, projectSummaries, uniqueName } from "./support/api.mjs";
import { uiTest } from "./support/browser.mjs";

const prefix = uniqueName("projects-page");
const names = ["alpha", "beta", "gamma"].map((suffix) => `${prefix}-${suffix}`);

before(async () => {
  for (const name of names) {
    await createProject(name);
  }
});

/** The text of each cell, row by row, of the Projects table. */
async function tableRows(page) {
  const table = page.getByRole("table", { name: "Projects" });
  await table.waitFor();
  return Promise.all((await table.locator("tbody tr").all()).map((row) => row.locator("td").allInnerTexts()));
}

/**
 * Waits until the table's first column shows `expected`, then asserts it. After a client-side
 * navigation the URL changes before the new page's rows render, so one read may see the old table.
 */
async function expectNames(page, expected, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let names = [];
  while (Date.now() < deadline) {
    names = (await tableRows(page)).map((cells) => cells[0]);
    if (JSON.stringify(names) === JSON.stringify(expected)) {
      return;
    }
    await page.waitForTimeout(50);
  }
  assert.deepEqual(names, expected);
}

uiTest("lists the projects created through the API, with their counts", async (page) => {
  await page.goto(`/projects?name=${prefix}`);
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();

  const rows = await tableRows(page);
  assert.deepEqual(rows.map((cells) => cells[0]), names);
  for (const cells of rows) {
    // No spans were sent to these projects: every count is 0 and there is no last activity.
    assert.deepEqual(cells.slice(1, 5), ["0", "0", "0", "no spans yet"]);
  }
});

uiTest("shows span, trace and session counts and the last activity of a project with spans", async (page) => {
  const seeded = process.env.ASSAY_E2E_SEEDED_PROJECT;
  assert.ok(seeded, "ASSAY_E2E_SEEDED_PROJECT is not set: WebUiBrowserTest seeds a project with spans and sets it");
  const expected = JSON.parse(seeded);
  await page.goto(`/projects?name=${encodeURIComponent(expected.name)}`);

  const [cells] = await tableRows(page);
  assert.equal(cells[0], expected.name);
  assert.deepEqual(cells.slice(1, 4), [expected.span_count, expected.trace_count, expected.session_count].map(String));
  assert.notEqual(cells[4], "no spans yet");
  const [summary] = (await projectSummaries({ name: expected.name })).project_summaries;
  assert.equal(new Date(summary.last_span_time).getTime(), Date.parse(expected.last_span_time));
});

uiTest("opens a project's traces from its name", async (page) => {
  await page.goto(`/projects?name=${prefix}`);
  await page.getByRole("link", { name: names[1] }).click();

  await page.getByRole("heading", { name: "Traces", level: 1 }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/projects\/[^/]+\/traces$/);
  await page.locator(".page-context").filter({ hasText: names[1] }).waitFor();
  assert.equal(await page.locator(".page-context").innerText(), names[1]);
});

uiTest("pages through the projects with the API's cursor, one URL per page", async (page) => {
  const firstPage = await projectSummaries({ name: prefix, limit: 2 });
  const secondPage = await projectSummaries({ name: prefix, limit: 2, cursor: firstPage.pagination.next_cursor });
  await page.goto(`/projects?name=${prefix}&limit=2`);

  await expectNames(page, firstPage.project_summaries.map((p) => p.name));
  await page.getByRole("link", { name: "Next page" }).click();
  await page.waitForURL(/cursor=/);
  await expectNames(page, secondPage.project_summaries.map((p) => p.name));
  assert.equal(await page.getByRole("link", { name: "Next page" }).count(), 0, "the last page has no next page");

  await page.getByRole("link", { name: "First page" }).click();
  await page.waitForURL((url) => !url.searchParams.has("cursor"));
  await expectNames(page, names.slice(0, 2));
});

uiTest("filters projects by name", async (page) => {
  await page.goto("/projects");
  await page.getByRole("searchbox", { name: "Filter by name" }).fill(`${prefix}-gam`);
  await page.getByRole("searchbox", { name: "Filter by name" }).press("Enter");

  await page.waitForURL(/name=/);
  await expectNames(page, [names[2]]);
});

uiTest("shows the server's problem when the API refuses the request, with a retry", async (page) => {
  // A cursor the server did not issue: the real API answers 400 with a problem document.
  await page.goto("/projects?cursor=not-a-cursor");

  const alert = page.getByRole("alert");
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /Could not load projects: Invalid Input \(HTTP 400\)/);
  assert.match(text, /invalid pagination cursor/);
  assert.ok(await alert.getByRole("button", { name: "Retry" }).isVisible());
});

uiTest("shows the loading state, then an error when the server does not answer, and recovers on retry", async (page) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  // The first request is held (loading is visible), then dropped as a network failure would drop it.
  await page.route("**/v2/project-summaries*", async (route) => {
    await held;
    await route.abort("connectionrefused");
  }, { times: 1 });
  await page.goto(`/projects?name=${prefix}`);

  await page.getByRole("status").filter({ hasText: "Loading projects" }).waitFor();
  release();
  const alert = page.getByRole("alert").filter({ hasText: "Could not load projects" });
  await alert.waitFor();
  assert.match(await alert.innerText(), /The server did not answer/);

  await alert.getByRole("button", { name: "Retry" }).click();
  assert.deepEqual((await tableRows(page)).map((cells) => cells[0]), names);
});

uiTest("explains how to send traces when the API lists no projects", async (page) => {
  // The shared test server has projects; this is the page for an empty list from the API.
  await page.route("**/v2/project-summaries*", (route) =>
    route.fulfill({ json: { project_summaries: [], pagination: { has_more: false } } }));
  await page.goto("/projects");

  const empty = page.locator(".state-empty");
  await empty.getByText("No projects yet").waitFor();
  const text = await empty.innerText();
  assert.ok(text.includes(`${new URL(page.url()).origin}/v1/traces`), text);
  assert.ok(text.includes("x-project-name"), text);
});
