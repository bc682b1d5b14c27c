// Light and dark themes: the system preference by default, a toggle, and the choice remembered.
import assert from "node:assert/strict";
import { uiTest } from "./support/browser.mjs";

const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme);
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

uiTest("follows a dark system preference, and a light choice persists over it", async (page) => {
  await page.goto("/projects");
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
  assert.equal(await theme(page), "dark");
  const dark = await background(page);

  await page.getByRole("button", { name: "Switch to light theme" }).click();
  assert.equal(await theme(page), "light");
  assert.notEqual(await background(page), dark, "the page's colours follow the theme");

  await page.reload();
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
  assert.equal(await theme(page), "light");
  assert.ok(await page.getByRole("button", { name: "Switch to dark theme" }).isVisible());
}, { colorScheme: "dark" });

uiTest("follows a light system preference, and a dark choice persists across pages", async (page) => {
  await page.goto("/settings");
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  assert.equal(await theme(page), "light");

  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  assert.equal(await theme(page), "dark");

  await page.goto("/evaluators");
  await page.getByRole("heading", { name: "Evaluators", level: 1 }).waitFor();
  assert.equal(await theme(page), "dark");
}, { colorScheme: "light" });
