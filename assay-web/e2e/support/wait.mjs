// Waiting for what a page shows, never for a fixed time.

/** Retries `check` (an async assertion) until it passes or `timeoutMs` runs out; then throws its last error. */
export async function eventually(check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Waits until `locator` matches exactly `count` elements. */
export async function waitForCount(locator, count, timeoutMs = 10_000) {
  await eventually(async () => {
    const actual = await locator.count();
    if (actual !== count) throw new Error(`expected ${count} matches of ${locator}, found ${actual}`);
  }, timeoutMs);
}

/** Polls `load` until `done(result)` holds; returns that result. */
export async function until(load, done, timeoutMs = 60_000, what = "the condition") {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await load();
    if (done(result)) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(result).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
