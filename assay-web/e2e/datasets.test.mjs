// The datasets area on a real server: a CSV uploaded in the dialog (columns given roles, a preview) becomes a
// dataset whose examples, versions and splits the dataset page shows; appending a file and deleting examples
// make new versions while older ones still read as they were; spans selected on the Spans page become a
// dataset whose examples link back to them.
import assert from "node:assert/strict";
import { uiTest } from "./support/browser.mjs";
import { apiCall, uniqueName } from "./support/api.mjs";
import { hexId, otlpSpan, sendSpans } from "./support/otlp.mjs";
import { waitForCount } from "./support/wait.mjs";

const CSV = [
  "question,expected,topic,split",
  "What is the capital of France?,Paris,geo,train",
  '"Say ""hi"", politely",Hello,manners,test',
  "2 + 2?,4,math,train",
].join("\n");

function examplesRows(page) {
  return page.getByRole("table", { name: "Examples" }).locator("tbody tr");
}

async function uploadCsv(page, name, csv = CSV) {
  await page.goto("/datasets");
  await page.getByRole("button", { name: "Upload file" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a dataset" });
  await dialog.getByLabel("File").setInputFiles({ name: "qa.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The columns get guessed roles: `expected` is the expected output, `split` the split, the rest input.
  assert.equal(await dialog.getByRole("combobox", { name: "Role of expected" }).inputValue(), "output");
  assert.equal(await dialog.getByRole("combobox", { name: "Role of split" }).inputValue(), "split");
  await dialog.getByRole("combobox", { name: "Role of topic" }).selectOption("metadata");
  const preview = dialog.getByRole("table", { name: "Preview" });
  await preview.getByText('{"question":"What is the capital of France?"}').waitFor();
  await preview.getByText('{"topic":"geo"}').waitFor();
  await dialog.getByRole("textbox", { name: "Dataset name" }).fill(name);
  await dialog.getByRole("button", { name: "Upload" }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

uiTest("a CSV upload shows its examples, expandable JSON, splits and one version", async (page) => {
  const name = uniqueName("qa");
  await uploadCsv(page, name);

  await waitForCount(examplesRows(page), 3);
  const row = examplesRows(page).filter({ hasText: "capital of France" });
  await row.getByText('{"output":"Paris"}').or(row.getByText('{"expected":"Paris"}')).waitFor();
  await row.getByText('{"topic":"geo"}').waitFor();
  await row.getByRole("button", { name: "Expand input" }).click();
  assert.match(await row.locator("pre").innerText(), /\n\s+"question": "What is the capital of France\?"/);
  await waitForCount(page.getByRole("combobox", { name: "Version" }).locator("option"), 1);

  await page.getByRole("combobox", { name: "Split" }).selectOption("test");
  await waitForCount(examplesRows(page), 1);
  await examplesRows(page).getByText('Say \\"hi\\", politely').waitFor();
  assert.match(page.url(), /split=test/);

  // The datasets list counts the examples and the versions.
  await page.goto(`/datasets?name=${encodeURIComponent(name)}`);
  const listed = page.getByRole("table", { name: "Datasets" }).locator("tbody tr").filter({ hasText: name });
  await listed.getByRole("cell", { name: "3", exact: true }).waitFor();
  await listed.getByRole("cell", { name: "1", exact: true }).waitFor();
});

uiTest("appending a file and deleting examples make new versions; the first still reads as it was", async (page) => {
  const name = uniqueName("versions");
  await uploadCsv(page, name);
  await waitForCount(examplesRows(page), 3);

  await page.getByRole("button", { name: "Append file" }).click();
  const dialog = page.getByRole("dialog", { name: "Append examples from a file" });
  await dialog.getByLabel("File").setInputFiles({ name: "more.csv", mimeType: "text/csv", buffer: Buffer.from("question,expected,topic,split\nLargest planet?,Jupiter,space,test") });
  await dialog.getByRole("combobox", { name: "Role of topic" }).selectOption("metadata");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await waitForCount(examplesRows(page), 4);
  const versions = page.getByRole("combobox", { name: "Version" }).locator("option");
  await waitForCount(versions, 2);

  await examplesRows(page).filter({ hasText: "2 + 2?" }).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete 1 selected" }).click();
  await waitForCount(examplesRows(page), 3);
  await waitForCount(versions, 3);
  assert.equal(await examplesRows(page).filter({ hasText: "2 + 2?" }).count(), 0);

  // Version 1, picked in the selector, still holds the three examples it was made with.
  await page.getByRole("combobox", { name: "Version" }).selectOption(await versions.last().getAttribute("value"));
  await waitForCount(examplesRows(page), 3);
  await examplesRows(page).filter({ hasText: "2 + 2?" }).waitFor();
  assert.equal(await examplesRows(page).filter({ hasText: "Largest planet?" }).count(), 0);

  // The export links name the version shown.
  const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const exported = await page.request.get(csvHref);
  assert.equal(exported.status(), 200);
  assert.match(await exported.text(), /2 \+ 2\?/);
});

uiTest("spans selected on the Spans page become a dataset that links back to them", async (page) => {
  const now = Date.now();
  const traceId = hexId(16);
  const root = hexId(8);
  const spans = [
    otlpSpan({ traceId, spanId: root, name: "agent", startMs: now - 60_000, endMs: now - 58_000, attributes: { "openinference.span.kind": "CHAIN", "input.value": "plan", "output.value": "done" } }),
    ...["alpha", "beta"].map((word, i) =>
      otlpSpan({
        traceId, spanId: hexId(8), parentId: root, name: "llm", startMs: now - 59_000 + i * 100, endMs: now - 58_500 + i * 100,
        attributes: { "openinference.span.kind": "LLM", "input.value": `say ${word}`, "output.value": word },
      })),
  ];
  const project = await sendSpans(uniqueName("from-spans"), spans);
  const filter = "span_kind = 'LLM'";
  await page.goto(`/projects/${encodeURIComponent(project.id)}/traces?view=spans&filter=${encodeURIComponent(filter)}`);
  await waitForCount(page.getByRole("table", { name: "Spans" }).locator("tbody tr"), 2);

  await page.getByRole("button", { name: "Create dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a dataset from spans" });
  await dialog.getByText(filter).waitFor();
  const name = uniqueName("llm-calls");
  await dialog.getByRole("textbox", { name: "Dataset name" }).fill(name);
  await dialog.getByRole("button", { name: "Create dataset" }).click();

  await page.getByRole("heading", { name, level: 1 }).waitFor();
  await waitForCount(examplesRows(page), 2);
  const alpha = examplesRows(page).filter({ hasText: "say alpha" });
  await alpha.getByText('{"output":"alpha"}').waitFor();
  await alpha.getByRole("link", { name: /^span / }).click();
  await page.waitForURL(new RegExp(`/traces/${traceId}\\?span=`));

  const { datasets } = await apiCall("GET", `/v2/datasets?name=${encodeURIComponent(name)}`);
  assert.equal(datasets.length, 1);
});
