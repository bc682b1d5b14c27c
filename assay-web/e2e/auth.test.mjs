// Authentication on, in the browser, against a second server that WebUiBrowserTest starts with ASSAY_AUTH=on
// and no user (ASSAY_E2E_AUTH_URL; the setup token file in ASSAY_E2E_SETUP_TOKEN_FILE): the setup page
// creates the first admin; sign-in refuses a wrong password; the admin creates a member with a temporary
// password and a space role, and an API key that works as a Bearer token until revoked; the member must
// change the temporary password, sees no admin pages and gets the server's 403 when forcing one; the
// session cookie is HttpOnly and a cookie-authenticated POST without the CSRF header is refused.
// The tests run in order and build on each other (one server, one first admin).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { uiTest } from "./support/browser.mjs";
import { uniqueName } from "./support/api.mjs";
import { eventually, waitForCount } from "./support/wait.mjs";

const AUTH_URL = (process.env.ASSAY_E2E_AUTH_URL ?? "").replace(/\/$/, "");
const TOKEN_FILE = process.env.ASSAY_E2E_SETUP_TOKEN_FILE;
const ADMIN = { name: "Ada Admin", email: `${uniqueName("admin")}@example.test`, password: "correct horse battery staple" };
const MEMBER = { name: "Max Member", email: `${uniqueName("member")}@example.test`, password: "", chosen: "member's own long password" };

/** A test against the auth-on server; fails (never skips) when the harness did not start one. */
function authTest(name, body) {
  if (!AUTH_URL || !TOKEN_FILE) {
    test(name, () => assert.fail("ASSAY_E2E_AUTH_URL and ASSAY_E2E_SETUP_TOKEN_FILE are not set: run through WebUiBrowserTest"));
    return;
  }
  uiTest(name, async (page, context) => {
    page.on("dialog", (dialog) => void dialog.accept()); // the confirmations of revoke and delete
    await body(page, context, (path) => `${AUTH_URL}${path}`);
  });
}

async function signIn(page, url, who, { expectPage = "Projects" } = {}) {
  await page.goto(url("/login"));
  await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
  await page.getByRole("textbox", { name: "Email" }).fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (expectPage) await page.getByRole("heading", { name: expectPage, level: 1 }).waitFor();
}

async function signOut(page) {
  await page.getByLabel(/^Account: /).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
}

/** The secret an OneTimeSecret box shows, after checking it says it is shown once. */
async function oneTimeSecret(page, label) {
  const box = page.getByRole("region", { name: `New ${label.toLowerCase()}` });
  await box.waitFor();
  assert.match(await box.innerText(), /you won't see it again/);
  const secret = (await box.locator("code.secret-value").innerText()).trim();
  await box.getByRole("button", { name: "Done" }).click();
  await box.waitFor({ state: "detached" });
  return secret;
}

const bearer = (url, key, path = "/v2/spaces") => fetch(url(path), { headers: { Authorization: `Bearer ${key}`, Accept: "application/json" } });

authTest("a new server asks for the first admin and the setup token, then signs them in", async (page, _context, url) => {
  await page.goto(url("/projects"));
  await page.getByRole("heading", { name: "Create the first admin", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/setup");
  assert.match(await page.locator("main").innerText(), /<working_dir>\/setup-token/);

  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByRole("textbox", { name: "Name" }).fill(ADMIN.name);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Password again").fill("not the same password");
  await page.getByRole("textbox", { name: "Setup token" }).fill("wrong-token");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  assert.match(await page.getByRole("alert").innerText(), /differ/);

  await page.getByLabel("Password again").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  assert.match(await page.getByRole("alert").innerText(), /401/, "a wrong setup token is refused");

  await page.getByRole("textbox", { name: "Setup token" }).fill(readFileSync(TOKEN_FILE, "utf8").trim());
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
  await page.getByLabel(`Account: ${ADMIN.name}`).waitFor();
});

authTest("sign-in refuses a wrong password and then returns to the page that was asked for", async (page, _context, url) => {
  await page.goto(url("/datasets"));
  await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get("next"), "/datasets");

  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  assert.match(await page.getByRole("alert").innerText(), /401/);
  assert.equal(new URL(page.url()).pathname, "/login");

  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Datasets", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/datasets");
});

authTest("an admin creates a member with a temporary password and a role in a space", async (page, _context, url) => {
  await signIn(page, url, ADMIN);
  await page.goto(url("/settings/users"));
  await page.getByRole("button", { name: "Add a user" }).click();
  const form = page.getByRole("form", { name: "New user" });
  await form.getByRole("textbox", { name: "Name" }).fill(MEMBER.name);
  await form.getByRole("textbox", { name: "Email" }).fill(MEMBER.email);
  assert.equal(await form.getByRole("combobox", { name: "Account role" }).inputValue(), "MEMBER");
  await form.getByRole("button", { name: "Create user" }).click();
  MEMBER.password = await oneTimeSecret(page, `Temporary password for ${MEMBER.email}`);
  assert.ok(MEMBER.password.length >= 12, MEMBER.password);
  const row = page.getByRole("table", { name: "Users" }).locator("tbody tr").filter({ hasText: MEMBER.email });
  await row.getByText("temporary password").waitFor();
  assert.ok(!(await page.locator("main").innerText()).includes(MEMBER.password), "the temporary password is gone once dismissed");

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Space members" }).click();
  const add = page.getByRole("form", { name: "Add a member" });
  await add.getByRole("combobox", { name: "User" }).selectOption({ label: `${MEMBER.name} (${MEMBER.email})` });
  await add.getByRole("combobox", { name: "Role" }).selectOption("MEMBER");
  await add.getByRole("button", { name: "Add to space" }).click();
  const member = page.getByRole("table", { name: "Members" }).locator("tbody tr").filter({ hasText: MEMBER.email });
  await eventually(async () => assert.equal(await member.getByRole("combobox", { name: `Role of ${MEMBER.email}` }).inputValue(), "MEMBER"));
});

authTest("an API key is shown once, works as a Bearer token, is replaced by a refresh and answers 401 once revoked", async (page, _context, url) => {
  await signIn(page, url, ADMIN);
  await page.goto(url("/settings/api-keys"));
  const name = uniqueName("e2e-key");
  await page.getByRole("button", { name: "Create a key" }).click();
  await page.getByRole("textbox", { name: "Key name" }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await oneTimeSecret(page, `API key ${name}`);
  assert.match(key, /^ak-[A-Za-z0-9_-]{43}$/);

  const keys = page.getByRole("table", { name: "API keys" });
  const row = keys.locator("tbody tr").filter({ hasText: name });
  await row.getByText("ACTIVE", { exact: true }).waitFor();
  assert.match(await row.innerText(), new RegExp(`${key.slice(0, 6)}…${key.slice(-4)}`), "the key is listed redacted");
  assert.ok(!(await page.locator("main").innerText()).includes(key), "only the redacted key is listed");
  const works = await bearer(url, key);
  assert.equal(works.status, 200, await works.text());

  // A refresh without grace: a new key (shown once) replaces the old one at once.
  await row.getByRole("combobox", { name: `Grace period for ${name}` }).selectOption({ label: "no grace" });
  await row.getByRole("button", { name: "Refresh" }).click();
  const replacement = await oneTimeSecret(page, `API key ${name}`);
  assert.notEqual(replacement, key);
  assert.equal((await bearer(url, key)).status, 401, "the refreshed key stops working");
  assert.equal((await bearer(url, replacement)).status, 200, "its replacement works");

  await keys.locator("tbody tr").filter({ hasText: name }).getByRole("button", { name: "Revoke" }).click();
  await waitForCount(keys.locator("tbody tr").filter({ hasText: name }), 0);
  const refused = await bearer(url, replacement);
  assert.equal(refused.status, 401, await refused.text());
  await page.getByRole("combobox", { name: "Key status" }).selectOption("REVOKED");
  await keys.locator("tbody tr").filter({ hasText: name }).first().getByText("REVOKED", { exact: true }).waitFor();

  // The audit log (account admins) lists the key's creation and revocation, newest first, by whom.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  await eventually(async () => assert.match(await log.locator("tbody tr").first().innerText(), /revoke/i));
  await eventually(async () => assert.match(await log.locator("tbody tr").first().innerText(), new RegExp(ADMIN.email)));
  assert.ok(!(await log.innerText()).includes(key), "no key in the audit log");
  await page.getByRole("combobox", { name: "Filter by user" }).selectOption({ label: MEMBER.email });
  await page.getByText("No entries").waitFor();

  await signOut(page);
  assert.equal(new URL(page.url()).pathname, "/login");
  await page.goto(url("/settings/api-keys"));
  await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
});

authTest("a service key acts only in the spaces and with the roles picked for it", async (page, _context, url) => {
  await signIn(page, url, ADMIN);
  await page.goto(url("/settings/api-keys"));
  const name = uniqueName("e2e-service");
  await page.getByRole("button", { name: "Create a key" }).click();
  await page.getByRole("textbox", { name: "Key name" }).fill(name);
  await page.getByRole("radio", { name: /^Service key/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  assert.match(await page.getByRole("alert").innerText(), /at least one space/);

  const include = page.getByRole("checkbox", { name: /^Include space / }).first();
  const spaceName = (await include.getAttribute("aria-label")).replace("Include space ", "");
  await include.check();
  await page.getByRole("combobox", { name: `Role in ${spaceName}` }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await oneTimeSecret(page, `API key ${name}`);
  await page.getByRole("table", { name: "API keys" }).locator("tbody tr").filter({ hasText: name }).getByText("SERVICE", { exact: true }).waitFor();

  const spaces = await (await bearer(url, key)).json();
  assert.deepEqual(spaces.spaces.map((s) => s.name), [spaceName], "the key sees its one space");
  const write = await fetch(url("/v2/projects"), {
    method: "POST", headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: uniqueName("viewer-write") }),
  });
  assert.equal(write.status, 403, `a VIEWER key cannot create: ${await write.text()}`);
});

authTest("a member changes the temporary password first, then sees no admin pages and the 403 when forcing one", async (page, _context, url) => {
  await signIn(page, url, MEMBER, { expectPage: "Change your password" });
  await page.goto(url("/datasets"));
  await page.getByRole("heading", { name: "Change your password", level: 1 }).waitFor();
  await page.getByLabel("Current password").fill(MEMBER.password);
  await page.getByLabel("New password", { exact: true }).fill(MEMBER.chosen);
  await page.getByLabel("New password again").fill(MEMBER.chosen);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const tabs = page.getByRole("navigation", { name: "Settings" });
  await tabs.getByRole("link", { name: "API keys" }).waitFor();
  assert.deepEqual(await tabs.getByRole("link").allInnerTexts(), ["API keys", "Space members", "Password"]);

  await page.getByRole("link", { name: "Space members" }).click();
  await page.getByText("Only this space's admins can change its members.").waitFor();
  assert.equal(await page.getByRole("form", { name: "Add a member" }).count(), 0);

  await page.goto(url("/settings/users"));
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /HTTP 403/);
  await page.goto(url("/settings/audit-log"));
  await page.getByRole("alert").filter({ hasText: "HTTP 403" }).waitFor();
  await signOut(page);

  MEMBER.password = MEMBER.chosen;
  await signIn(page, url, MEMBER);
});

authTest("an admin changes a user's account role, resets their password and deletes them after confirming", async (page, _context, url) => {
  await signIn(page, url, ADMIN);
  await page.goto(url("/settings/users"));
  const email = `${uniqueName("temp")}@example.test`;
  await page.getByRole("button", { name: "Add a user" }).click();
  const form = page.getByRole("form", { name: "New user" });
  await form.getByRole("textbox", { name: "Name" }).fill("Tess Temp");
  await form.getByRole("textbox", { name: "Email" }).fill(email);
  await form.getByRole("radio", { name: "Set a password now" }).check();
  await form.getByLabel("Password", { exact: true }).fill("short");
  await form.getByLabel("Password again").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  assert.match(await form.getByRole("alert").innerText(), /at least 12/);
  await form.getByLabel("Password", { exact: true }).fill("tess's own long password");
  await form.getByLabel("Password again").fill("tess's own long password");
  await form.getByRole("button", { name: "Create user" }).click();
  await form.waitFor({ state: "detached" });
  assert.equal(await page.getByRole("region", { name: /^New temporary password/ }).count(), 0, "a chosen password is not shown");

  const rows = page.getByRole("table", { name: "Users" }).locator("tbody tr");
  const role = rows.filter({ hasText: email }).getByRole("combobox", { name: `Account role of ${email}` });
  await role.selectOption("ADMIN");
  await page.reload();
  await eventually(async () => assert.equal(await role.inputValue(), "ADMIN"));

  await rows.filter({ hasText: email }).getByRole("button", { name: "Reset password" }).click();
  const temporary = await oneTimeSecret(page, `Temporary password for ${email}`);
  await rows.filter({ hasText: email }).getByText("temporary password").waitFor();
  const login = await fetch(url("/auth/login"), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: temporary }),
  });
  const answer = await login.text();
  assert.equal(login.status, 200, answer);
  assert.equal(JSON.parse(answer).must_change_password, true);

  await rows.filter({ hasText: email }).getByRole("button", { name: "Delete" }).click();
  await waitForCount(rows.filter({ hasText: email }), 0);
  assert.equal(await rows.filter({ hasText: ADMIN.email }).getByRole("button", { name: "Delete" }).count(), 0, "no deleting yourself");
});

authTest("the session cookie is HttpOnly and a POST without the CSRF header is refused", async (page, context, url) => {
  await signIn(page, url, ADMIN);
  const cookie = (await context.cookies(AUTH_URL)).find((c) => c.name === "assay_session");
  assert.ok(cookie, "the session cookie is set");
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, "Strict");
  assert.ok(!(await page.evaluate(() => document.cookie)).includes("assay_session"), "scripts cannot read the session");

  const status = await page.evaluate(async () => {
    const r = await fetch("/v2/api-keys", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key_type: "USER", name: "no-csrf" }),
    });
    return r.status;
  });
  assert.equal(status, 403, "the cookie alone does not authorise a change");

  // After a reload the CSRF token comes back from /auth/me (it lives only in memory), so the UI can still write.
  await page.goto(url("/settings/api-keys"));
  const name = uniqueName("after-reload");
  await page.getByRole("button", { name: "Create a key" }).click();
  await page.getByRole("textbox", { name: "Key name" }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await oneTimeSecret(page, `API key ${name}`);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!/csrf/i.test(stored), "the CSRF token is not kept in web storage");

  // A session that ends under the UI (here: the cookie is gone) sends the next API call's 401 to the login page.
  await context.clearCookies();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Datasets" }).click();
  await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get("next"), "/datasets");
});

uiTest("in local mode (authentication off) there is no sign-in, no account menu and settings are as before", async (page) => {
  await page.goto("/datasets");
  await page.getByRole("heading", { name: "Datasets", level: 1 }).waitFor();
  assert.equal(await page.getByLabel(/^Account: /).count(), 0);
  await page.goto("/settings/users");
  await page.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
  await page.goto("/settings");
  await page.getByText("Settings is not available yet").waitFor();
});
