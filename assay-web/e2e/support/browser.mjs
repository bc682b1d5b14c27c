// One Chromium per test file, a fresh browser context (own storage) per test, and a screenshot of the
// page when a test fails. Debian's Chromium is used as installed (scripts/chromium-install.sh); nothing
// is downloaded.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE_URL = (process.env.ASSAY_URL ?? "http://127.0.0.1:6006").replace(/\/$/, "");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SCREENSHOTS = process.env.ASSAY_E2E_SCREENSHOTS
  ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../target/e2e-screenshots");
/** ASSAY_E2E_SCREENSHOTS_ALL=1 also keeps a screenshot of every passing test (under passed/), for review. */
const KEEP_ALL = process.env.ASSAY_E2E_SCREENSHOTS_ALL === "1";

let browser;

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/chromium-install.sh (as root), or set CHROMIUM`);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
});

after(async () => {
  await browser?.close();
});

/**
 * A browser test: `body(page, context)` runs in a fresh context at BASE_URL. Uncaught page errors fail
 * the test; on failure the page is saved as a PNG named after the test.
 */
export function uiTest(name, body, { colorScheme = "light" } = {}) {
  test(name, async () => {
    const context = await browser.newContext({ baseURL: BASE_URL, colorScheme, viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error));
    try {
      await body(page, context);
      if (pageErrors.length > 0) {
        throw new Error(`uncaught error in the page: ${pageErrors[0].stack ?? pageErrors[0]}`);
      }
      if (KEEP_ALL) {
        await screenshot(page, join("passed", fileName(name)));
      }
    } catch (error) {
      const path = await screenshot(page, fileName(name));
      if (path) {
        console.error(`screenshot of the failing page: ${path}`);
      }
      throw error;
    } finally {
      await context.close();
    }
  });
}

function fileName(testName) {
  return `${testName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.png`;
}

async function screenshot(page, relative) {
  const path = join(SCREENSHOTS, relative);
  mkdirSync(dirname(path), { recursive: true });
  try {
    await page.screenshot({ path, fullPage: true });
    return path;
  } catch {
    return null; // the page is gone (crash, closed context): the test's own error says enough
  }
}
