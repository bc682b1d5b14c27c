// The project switcher: lists the projects from the API, opens the chosen one, and remembers it.
import assert from "node:assert/strict";
import { before } from "node:test";
import { createProject, uniqueName } from "./support/api.mjs";
import { uiTest } from "./support/browser.mjs";

let first;
let second;

before(async () => {
  const prefix = uniqueName("switcher");
  first = await createProject(`${prefix}-first`);
  second = await createProject(`${prefix}-second`);
});

uiTest("choosing a project opens its traces, and it stays chosen on other pages and after a reload", async (page) => {
  await page.goto("/evaluators");
  const switcher = page.getByRole("combobox", { name: "Project" });
  await switcher.locator(`option[value="${first.id}"]`).waitFor({ state: "attached" });

  await switcher.selectOption({ label: first.name });
  await page.waitForURL(`**/projects/${first.id}/traces`);
  await page.getByRole("heading", { name: "Traces", level: 1 }).waitFor();
  // The project's name loads after the heading renders: wait for it, then check it is exactly that name.
  await page.locator(".page-context").filter({ hasText: first.name }).waitFor();
  assert.equal(await page.locator(".page-context").innerText(), first.name);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  await page.reload();
  await switcher.locator(`option[value="${first.id}"]`).waitFor({ state: "attached" });
  assert.equal(await switcher.inputValue(), first.id);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions", exact: true }).click();
  await page.waitForURL(`**/projects/${first.id}/sessions`);
});

uiTest("switching project keeps the area that is open", async (page) => {
  await page.goto(`/projects/${first.id}/sessions`);
  await page.getByRole("heading", { name: "Sessions", level: 1 }).waitFor();
  const switcher = page.getByRole("combobox", { name: "Project" });
  await switcher.locator(`option[value="${second.id}"]`).waitFor({ state: "attached" });

  await switcher.selectOption(second.id);
  await page.waitForURL(`**/projects/${second.id}/sessions`);
  await page.locator(".page-context").filter({ hasText: second.name }).waitFor();
});
