import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { listSpans } from "@arizeai/ax-client";
import { client, unique } from "./support.mjs";

const hex = (bytes) => randomBytes(bytes).toString("hex");
const str = (key, value) => ({ key, value: { stringValue: value } });
const int = (key, value) => ({ key, value: { intValue: String(value) } });

/** Sends three spans of one trace over OTLP/HTTP JSON, as an instrumented app would, into project `project`. */
async function sendTrace(project) {
  const traceId = hex(16);
  const ids = { chain: hex(8), llm: hex(8), tool: hex(8) };
  const t0 = BigInt(Date.now() - 60_000) * 1_000_000n;
  const at = (ms) => String(t0 + BigInt(ms) * 1_000_000n);
  const body = {
    resourceSpans: [{
      resource: { attributes: [str("service.name", "ax-spans-test")] },
      scopeSpans: [{
        spans: [
          { traceId, spanId: ids.chain, name: "agent-run", startTimeUnixNano: at(0), endTimeUnixNano: at(900),
            attributes: [str("openinference.span.kind", "CHAIN"), str("input.value", "What is 2+2?")] },
          { traceId, spanId: ids.llm, parentSpanId: ids.chain, name: "ChatCompletion", startTimeUnixNano: at(100),
            endTimeUnixNano: at(600), status: { code: 1 },
            attributes: [str("openinference.span.kind", "LLM"), str("llm.model_name", "gpt-4o"),
              int("llm.token_count.prompt", 12), int("llm.token_count.completion", 3), int("llm.token_count.total", 15)] },
          { traceId, spanId: ids.tool, parentSpanId: ids.chain, name: "calculator", startTimeUnixNano: at(650),
            endTimeUnixNano: at(800), status: { code: 2, message: "division by zero" },
            events: [{ timeUnixNano: at(700), name: "exception", attributes: [str("exception.message", "division by zero")] }],
            attributes: [str("openinference.span.kind", "TOOL"), str("tool.name", "calculator")] },
        ],
      }],
    }],
  };
  const response = await fetch(`${process.env.ASSAY_URL}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-project-name": project },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
  return { traceId, ids };
}

const wide = { startTime: new Date("2000-01-01T00:00:00Z"), endTime: new Date("2100-01-01T00:00:00Z") };

test("listSpans returns spans sent over OTLP, typed as AX defines them, and applies filters", async () => {
  const project = unique("spans");
  const { traceId, ids } = await sendTrace(project);

  const all = await listSpans({ client, project, space: "default", ...wide });
  assert.equal(all.data.length, 3);
  assert.equal(all.pagination.hasMore, false);
  assert.deepEqual(all.data.map((s) => s.name), ["calculator", "ChatCompletion", "agent-run"], "newest first");
  const byName = Object.fromEntries(all.data.map((s) => [s.name, s]));

  const llm = byName.ChatCompletion;
  assert.deepEqual(llm.context, { traceId, spanId: ids.llm });
  assert.equal(llm.kind, "LLM");
  assert.equal(llm.parentId, ids.chain);
  assert.equal(llm.statusCode, "OK");
  assert.equal(llm.endTime.getTime() - llm.startTime.getTime(), 500);
  assert.equal(llm.attributes["llm.model_name"], "gpt-4o");
  assert.equal(llm.attributes["llm.token_count.total"], 15);
  assert.deepEqual(llm.annotations, []);
  assert.deepEqual(llm.evaluations, []);
  assert.deepEqual(llm.events, []);

  const root = byName["agent-run"];
  assert.equal(root.kind, "CHAIN");
  assert.equal(root.parentId, undefined);
  assert.equal(root.statusCode, "UNSET");

  const tool = byName.calculator;
  assert.equal(tool.kind, "TOOL");
  assert.equal(tool.statusCode, "ERROR");
  assert.equal(tool.statusMessage, "division by zero");
  assert.equal(tool.events.length, 1);
  assert.equal(tool.events[0].name, "exception");
  assert.equal(tool.events[0].timestamp.getTime(), tool.startTime.getTime() + 50);
  assert.equal(tool.events[0].attributes["exception.message"], "division by zero");

  const onlyLlm = await listSpans({ client, project, space: "default", filter: "span_kind = 'LLM'", ...wide });
  assert.deepEqual(onlyLlm.data.map((s) => s.context.spanId), [ids.llm]);
  const byAttribute = await listSpans({ client, project, space: "default", filter: "attributes.llm.model_name = 'gpt-4o'", ...wide });
  assert.deepEqual(byAttribute.data.map((s) => s.context.spanId), [ids.llm]);
  const errors = await listSpans({ client, project, space: "default", filter: "status_code = 'ERROR'", ...wide });
  assert.deepEqual(errors.data.map((s) => s.context.spanId), [ids.tool]);
});

test("listSpans pages with a cursor, and the default window (the last week) holds recent spans", async () => {
  const project = unique("spans-paged");
  const { ids } = await sendTrace(project);

  const first = await listSpans({ client, project, space: "default", limit: 2 });
  assert.equal(first.data.length, 2);
  assert.equal(first.pagination.hasMore, true);
  const second = await listSpans({ client, project, space: "default", limit: 2, cursor: first.pagination.nextCursor });
  assert.equal(second.pagination.hasMore, false);
  assert.deepEqual([...first.data, ...second.data].map((s) => s.context.spanId), [ids.tool, ids.llm, ids.chain]);
});

test("a malformed filter is rejected with status 400 naming the column", async () => {
  const project = unique("spans-bad");
  await sendTrace(project);

  await assert.rejects(listSpans({ client, project, space: "default", filter: "status_code = ", ...wide }),
    (e) => /column \d+/.test(e.message) || assert.fail(`unexpected error: ${e.message}`));

  // The wrapper keeps only the message; the client's own POST shows the status and the problem document.
  const { error, response } = await client.POST("/v2/spans", { body: { project_id: project, filter: "status_code = " } });
  assert.equal(response.status, 400);
  assert.equal(error.status, 400);
  assert.match(error.detail, /column \d+/);
});
