// Every area in the navigation opens its page, with its title; areas not built yet say so honestly.
import assert from "node:assert/strict";
import { uiTest } from "./support/browser.mjs";

const GLOBAL_AREAS = ["Evaluators", "Models", "Datasets", "Experiments", "Prompts", "Review", "Monitors", "Alerts",
  "Copilot", "Agents", "Settings"];
/** Built areas have their own pages (evaluators, datasets, experiments and prompts test files). */
const BUILT = new Set(["Evaluators", "Models", "Datasets", "Experiments", "Prompts"]);

uiTest("each area in the navigation renders its title at its own URL", async (page) => {
  await page.goto("/projects");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const title of GLOBAL_AREAS) {
    await nav.getByRole("link", { name: title, exact: true }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/${title.toLowerCase()}`);
    assert.equal(await page.title(), `${title} · Assay`);
    assert.equal(await page.getByText(`${title} is not available yet`).isVisible(), !BUILT.has(title), title);
    const current = nav.locator("a.active");
    assert.deepEqual(await current.allInnerTexts(), [title], "exactly the open area is marked in the navigation");
  }
});

uiTest("project areas in the navigation lead to the project list until a project is chosen", async (page) => {
  await page.goto("/evaluators");
  const nav = page.getByRole("navigation", { name: "Main" });

  await nav.getByRole("link", { name: "Traces", exact: true }).click();
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/projects");
});

uiTest("the root redirects to the projects", async (page) => {
  await page.goto("/");

  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/projects");
});

uiTest("an unknown page under the UI says so and links back", async (page) => {
  await page.goto("/settings/no-such-page");

  await page.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
  await page.getByRole("link", { name: "Go to the projects" }).click();
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
});
