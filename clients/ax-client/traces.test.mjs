import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { deleteSpans, listSpans } from "@arizeai/ax-client";
import { client, unique } from "./support.mjs";

const hex = (bytes) => randomBytes(bytes).toString("hex");
const str = (key, value) => ({ key, value: { stringValue: value } });
const int = (key, value) => ({ key, value: { intValue: String(value) } });
const wide = { startTime: new Date("2000-01-01T00:00:00Z"), endTime: new Date("2100-01-01T00:00:00Z") };
const wideBody = { start_time: wide.startTime.toISOString(), end_time: wide.endTime.toISOString() };

/**
 * Sends two traces over OTLP/HTTP JSON into project `project`: `ok` (a chain with a good LLM call) and,
 * 200 ms later, `failed` (a chain whose LLM call errors, carrying a session id). Returns their ids.
 */
async function sendTraces(project) {
  const t0 = BigInt(Date.now() - 60_000) * 1_000_000n;
  const at = (ms) => String(t0 + BigInt(ms) * 1_000_000n);
  const ok = { traceId: hex(16), root: hex(8), llm: hex(8) };
  const failed = { traceId: hex(16), root: hex(8), llm: hex(8) };
  const spans = [
    { traceId: ok.traceId, spanId: ok.root, name: "answer", startTimeUnixNano: at(0), endTimeUnixNano: at(100),
      attributes: [str("openinference.span.kind", "CHAIN"), str("input.value", "What is 2+2?"), str("output.value", "4")] },
    { traceId: ok.traceId, spanId: ok.llm, parentSpanId: ok.root, name: "ChatCompletion", startTimeUnixNano: at(10),
      endTimeUnixNano: at(90), status: { code: 1 },
      attributes: [str("openinference.span.kind", "LLM"), str("llm.model_name", "gpt-4o"), int("llm.token_count.total", 15)] },
    { traceId: failed.traceId, spanId: failed.root, name: "answer", startTimeUnixNano: at(200), endTimeUnixNano: at(400),
      attributes: [str("openinference.span.kind", "CHAIN"), str("session.id", "conversation-1")] },
    { traceId: failed.traceId, spanId: failed.llm, parentSpanId: failed.root, name: "ChatCompletion",
      startTimeUnixNano: at(250), endTimeUnixNano: at(350), status: { code: 2, message: "rate limited" },
      attributes: [str("openinference.span.kind", "LLM"), str("llm.model_name", "gpt-4o")] },
  ];
  const response = await fetch(`${process.env.ASSAY_URL}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-project-name": project },
    body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }] }),
  });
  assert.equal(response.status, 200, await response.text());
  return { ok, failed };
}

test("listSpans combines conditions in a SQL-like filter", async () => {
  const project = unique("filter");
  const { ok, failed } = await sendTraces(project);

  const failing = await listSpans({ client, project, space: "default", filter: "span_kind = 'LLM' and status_code = 'ERROR'", ...wide });
  assert.deepEqual(failing.data.map((s) => s.context.spanId), [failed.llm]);
  assert.equal(failing.data[0].statusMessage, "rate limited");

  const either = await listSpans({ client, project, space: "default",
    filter: "span_kind = 'LLM' AND (status_code = 'ERROR' OR attributes.llm.token_count.total >= 10)", ...wide });
  assert.deepEqual(either.data.map((s) => s.context.spanId), [failed.llm, ok.llm]);
});

test("deleteSpans reports deleted and unknown ids, and the deleted spans are gone", async () => {
  const project = unique("delete");
  const { ok, failed } = await sendTraces(project);
  const unknown = hex(8);

  const result = await deleteSpans({ client, project, space: "default", spanIds: [failed.llm, unknown, ok.root] });
  assert.equal(result.completed, true);
  assert.deepEqual(result.deletedSpanIds, [failed.llm, ok.root]);
  assert.deepEqual(result.notDeletedSpanIds, [unknown]);

  const left = await listSpans({ client, project, space: "default", ...wide });
  assert.deepEqual(left.data.map((s) => s.context.spanId), [failed.root, ok.llm]);

  await assert.rejects(deleteSpans({ client, project, space: "default", spanIds: [] }), /must not be empty/);
});

test("POST /v2/traces through the client's typed POST returns AX's Trace fields", async () => {
  const project = unique("traces");
  const { ok, failed } = await sendTraces(project);

  const { data, error, response } = await client.POST("/v2/traces", {
    params: { query: { limit: 50 } },
    body: { project_id: project, ...wideBody },
  });
  assert.equal(response.status, 200, JSON.stringify(error));
  assert.equal(data.pagination.has_more, false);
  assert.deepEqual(data.traces.map((t) => t.trace_id), [failed.traceId, ok.traceId], "newest first");

  const [bad, good] = data.traces;
  assert.equal(good.root_span_id, ok.root);
  assert.equal(bad.root_span_id, failed.root);
  assert.equal(good.spans_truncated, false);
  assert.equal(new Date(good.end_time).getTime() - new Date(good.start_time).getTime(), 100);
  assert.equal(new Date(bad.start_time).getTime() - new Date(good.start_time).getTime(), 200);
  assert.deepEqual(good.spans.map((s) => s.context.span_id), [ok.root, ok.llm], "spans in start order");
  for (const span of [...good.spans, ...bad.spans]) {
    assert.equal(typeof span.name, "string");
    assert.equal(typeof span.context.trace_id, "string");
    assert.match(span.kind, /^(LLM|CHAIN)$/);
    assert.ok(!Number.isNaN(new Date(span.start_time).getTime()));
    assert.ok(!Number.isNaN(new Date(span.end_time).getTime()));
    assert.equal(typeof span.attributes, "object");
    assert.ok(Array.isArray(span.annotations) && Array.isArray(span.evaluations) && Array.isArray(span.events));
  }
  const llm = good.spans[1];
  assert.equal(llm.parent_id, ok.root);
  assert.equal(llm.context.trace_id, ok.traceId);
  assert.equal(llm.attributes["llm.model_name"], "gpt-4o");
  assert.equal(good.spans[0].parent_id, undefined);

  // Assay's roll-up fields, beside AX's.
  assert.equal(bad.status_code, "ERROR");
  assert.equal(bad.error_count, 1);
  assert.equal(bad.session_id, "conversation-1");
  assert.equal(good.status_code, "OK");
  assert.equal(good.span_count, 2);
  assert.equal(good.total_tokens, 15);
  assert.equal(good.input, "What is 2+2?");
  assert.equal(good.output, "4");

  // A trace matches when any span does: the failing LLM call is a child, yet its trace is listed.
  const filtered = await client.POST("/v2/traces", { body: { project_id: project, filter: "status_code = 'ERROR'", ...wideBody } });
  assert.deepEqual(filtered.data.traces.map((t) => t.trace_id), [failed.traceId]);
  assert.equal(filtered.data.traces[0].spans.length, 2);

  const paged = await client.POST("/v2/traces", { params: { query: { limit: 1 } }, body: { project_id: project } });
  assert.equal(paged.data.pagination.has_more, true, "recent spans lie in the default window (the last week)");
  const rest = await client.POST("/v2/traces", {
    params: { query: { limit: 1, cursor: paged.data.pagination.next_cursor } }, body: { project_id: project } });
  assert.deepEqual([...paged.data.traces, ...rest.data.traces].map((t) => t.trace_id), [failed.traceId, ok.traceId]);

  const rejected = await client.POST("/v2/traces", { body: { project_id: project, filter: "status_code = " } });
  assert.equal(rejected.response.status, 400);
  assert.match(rejected.error.detail, /column \d+/);
});
