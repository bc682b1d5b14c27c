// A project's pages (/projects/:id/traces, /projects/:id/sessions): the project from the API, tabs
// between its areas, an empty list for a project without spans, and the API's 404 for an unknown project.
import assert from "node:assert/strict";
import { before } from "node:test";
import { createProject, uniqueName } from "./support/api.mjs";
import { uiTest } from "./support/browser.mjs";

let project;

before(async () => {
  project = await createProject(uniqueName("project-areas"));
});

uiTest("shows the project's traces area and switches to its sessions by tab", async (page) => {
  await page.goto(`/projects/${project.id}/traces`);

  await page.getByRole("heading", { name: "Traces", level: 1 }).waitFor();
  await page.locator(".page-context").filter({ hasText: project.name }).waitFor();
  assert.equal(await page.locator(".page-context").innerText(), project.name);
  assert.equal(await page.title(), "Traces · Assay");
  await page.getByText("No traces in this time range").waitFor();

  await page.getByRole("navigation", { name: "Project areas" }).getByRole("link", { name: "Sessions" }).click();
  await page.getByRole("heading", { name: "Sessions", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/projects/${project.id}/sessions`);
  await page.getByText("No sessions in this time range").waitFor();
});

uiTest("redirects a bare project URL to its traces", async (page) => {
  await page.goto(`/projects/${project.id}`);

  await page.waitForURL(`**/projects/${project.id}/traces`);
  await page.getByRole("heading", { name: "Traces", level: 1 }).waitFor();
});

uiTest("shows the API's not-found problem for an unknown project", async (page) => {
  await page.goto("/projects/no-such-project-e2e/traces");

  const alert = page.getByRole("alert");
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /Could not load the project: Not Found \(HTTP 404\)/);
  assert.match(text, /no-such-project-e2e/);
});
