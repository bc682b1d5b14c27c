// Every view has a URL: opening it directly, reloading it and going back and forward all show the same
// view (the server answers index.html for these paths, and the UI routes them).
import assert from "node:assert/strict";
import { before } from "node:test";
import { createProject, uniqueName } from "./support/api.mjs";
import { uiTest } from "./support/browser.mjs";

let project;

before(async () => {
  project = await createProject(uniqueName("deep-links"));
});

uiTest("a project's sessions page opens directly and survives a reload", async (page) => {
  const response = await page.goto(`/projects/${project.id}/sessions`);
  assert.equal(response.status(), 200);

  await page.getByRole("heading", { name: "Sessions", level: 1 }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Sessions", level: 1 }).waitFor();
  await page.locator(".page-context").filter({ hasText: project.name }).waitFor();
  assert.equal(await page.locator(".page-context").innerText(), project.name);
});

uiTest("a filtered projects page keeps its filter through a reload", async (page) => {
  await page.goto(`/projects?name=${encodeURIComponent(project.name)}`);
  await page.getByRole("link", { name: project.name }).waitFor();

  await page.reload();
  await page.getByRole("link", { name: project.name }).waitFor();
  assert.equal(await page.getByRole("searchbox", { name: "Filter by name" }).inputValue(), project.name);
});

uiTest("back and forward move between views", async (page) => {
  await page.goto("/datasets");
  await page.getByRole("heading", { name: "Datasets", level: 1 }).waitFor();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Prompts" }).click();
  await page.getByRole("heading", { name: "Prompts", level: 1 }).waitFor();

  await page.goBack();
  await page.getByRole("heading", { name: "Datasets", level: 1 }).waitFor();
  await page.goForward();
  await page.getByRole("heading", { name: "Prompts", level: 1 }).waitFor();
});

uiTest("API paths are never answered with the UI, even to a browser", async (page) => {
  const response = await page.goto("/v2/no-such-resource");

  assert.equal(response.status(), 404);
  assert.equal(response.headers()["content-type"], "application/problem+json");
  assert.equal((await response.json()).status, 404);
});
