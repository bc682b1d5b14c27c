// The prompts area on a real server: a prompt created in the editor, a second version from the first, a label
// set on one version and moved to the other, and the playground: a field per template variable, the missing
// ones named as the server renders, and a run on the fake model server with its output, tokens and latency.
import assert from "node:assert/strict";
import { uiTest } from "./support/browser.mjs";
import { apiCall, uniqueName } from "./support/api.mjs";
import { eventually, waitForCount } from "./support/wait.mjs";

const FAKE_MODEL_URL = process.env.ASSAY_E2E_FAKE_MODEL_URL;

function versionRows(page) {
  return page.getByRole("table", { name: "Versions" }).locator("tbody tr");
}

async function labelsOf(page, versionName) {
  return (await versionRows(page).filter({ has: page.getByRole("link", { name: versionName, exact: true }) }).locator(".label-badge").allInnerTexts()).sort();
}

uiTest("a prompt is created, gets a second version, and a label moves between versions", async (page) => {
  const name = uniqueName("greeter");
  await page.goto("/prompts");
  await page.getByRole("link", { name: "New prompt" }).click();
  await page.getByRole("textbox", { name: "Prompt name" }).fill(name);
  await page.getByRole("textbox", { name: "Message 2" }).fill("Greet {{person}} warmly.");
  await page.locator("p", { hasText: "Variables:" }).getByText("person").waitFor();
  await page.getByRole("textbox", { name: "Commit message" }).fill("first draft");
  await page.getByRole("button", { name: "Create prompt" }).click();

  await page.getByRole("heading", { name, level: 1 }).waitFor();
  await waitForCount(versionRows(page), 1);
  await page.getByRole("list", { name: "Messages", exact: true }).getByText("Greet {{person}} warmly.").waitFor();

  await page.getByRole("link", { name: "New version" }).click();
  await page.getByRole("heading", { name: `New version of ${name}` }).waitFor();
  // The editor starts from the version it was opened on.
  assert.equal(await page.getByRole("textbox", { name: "Message 2" }).inputValue(), "Greet {{person}} warmly.");
  await page.getByRole("textbox", { name: "Message 2" }).fill("Greet {{person}} briefly.");
  await page.getByRole("textbox", { name: "Commit message" }).fill("shorter");
  await page.getByRole("button", { name: "Save version" }).click();
  await waitForCount(versionRows(page), 2);
  await versionRows(page).filter({ hasText: "shorter" }).waitFor();

  // production on v1 ...
  await page.getByRole("link", { name: "v1", exact: true }).click();
  await page.getByRole("heading", { name: "Version v1" }).waitFor();
  await page.getByRole("combobox", { name: "Label" }).fill("production");
  await page.getByRole("button", { name: "Set label" }).click();
  await eventually(async () => assert.deepEqual(await labelsOf(page, "v1"), ["production"]));

  // ... then set on v2: it moves.
  await page.getByRole("link", { name: "v2", exact: true }).click();
  await page.getByRole("heading", { name: "Version v2" }).waitFor();
  await page.getByRole("combobox", { name: "Label" }).fill("production");
  await page.getByRole("button", { name: "Set label" }).click();
  await eventually(async () => {
    assert.deepEqual(await labelsOf(page, "v2"), ["production"]);
    assert.deepEqual(await labelsOf(page, "v1"), []);
  });
  const byLabel = await apiCall("GET", `/v2/prompts/${encodeURIComponent((await apiCall("GET", `/v2/prompts?name=${encodeURIComponent(name)}`)).prompts[0].id)}/labels/production`);
  assert.equal(byLabel.commit_message, "shorter");

  // Removing the label from its chip.
  await page.getByRole("button", { name: "Remove label production" }).click();
  await eventually(async () => assert.deepEqual(await labelsOf(page, "v2"), []));
});

uiTest("the playground names missing variables, then runs the version on the fake model", async (page) => {
  if (!FAKE_MODEL_URL) throw new Error("ASSAY_E2E_FAKE_MODEL_URL is not set: WebUiBrowserTest sets it to its fake model server");
  const config = await apiCall("POST", "/v2/ai-integrations", {
    name: uniqueName("fake-llm"), provider: "CUSTOM", base_url: FAKE_MODEL_URL, model_names: ["chat-mini"], api_key: "sk-fake",
  });
  // The fake model answers with the first label after "one of:", so the output is the city given.
  const prompt = await apiCall("POST", "/v2/prompts", {
    name: uniqueName("capital"),
    version: {
      commit_message: "e2e", provider: "CUSTOM", model: "chat-mini", input_variable_format: "MUSTACHE",
      messages: [
        { role: "SYSTEM", content: "You answer geography questions about {{country}}." },
        { role: "USER", content: "Which city is the capital? Answer with one of: {{city}}" },
      ],
    },
  });
  try {
    await page.goto(`/prompts/${encodeURIComponent(prompt.id)}`);
    const playground = page.getByRole("region", { name: "Playground" });
    await playground.getByRole("textbox", { name: "Variable city" }).fill("Paris");
    await playground.getByRole("list", { name: "Rendered messages" }).getByText("Answer with one of: Paris").waitFor();
    const missing = playground.getByRole("status", { name: "Missing variables" });
    await missing.getByText("country").waitFor();
    assert.equal(await missing.getByText("city").count(), 0);
    await playground.getByRole("combobox", { name: "Model config" }).selectOption({ label: `${config.name} / chat-mini` });
    assert.equal(await playground.getByRole("button", { name: "Run" }).isDisabled(), true);

    await playground.getByRole("textbox", { name: "Variable country" }).fill("France");
    await missing.waitFor({ state: "detached" });
    await playground.getByRole("list", { name: "Rendered messages" }).getByText("questions about France").waitFor();
    await playground.getByRole("button", { name: "Run" }).click();

    const result = playground.getByLabel("Run result");
    await result.waitFor();
    assert.equal((await result.getByLabel("Output").innerText()).trim(), "Paris");
    assert.match(await result.innerText(), /Tokens\s*:?\s*\d+ in · \d+ out/);
    assert.match(await result.innerText(), /Latency\s*:?\s*\d/);
  } finally {
    await apiCall("DELETE", `/v2/ai-integrations/${encodeURIComponent(config.id)}`);
  }
});
