// The npm OTLP trace exporters (@opentelemetry/exporter-trace-otlp-proto and -http, plain and gzip) send one
// OpenInference trace each to the Assay server in ASSAY_URL; the spans are read back through POST /v2/spans and
// every mapped field is checked, the typed columns through the filter language (span_kind, model_name, tokens…).
import { test } from "node:test";
import assert from "node:assert/strict";
import { context, trace, SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import {
  MimeType,
  OpenInferenceSpanKind,
  SEMRESATTRS_PROJECT_NAME,
  SemanticConventions as SC,
} from "@arizeai/openinference-semantic-conventions";

const baseUrl = process.env.ASSAY_URL;
if (!baseUrl) {
  throw new Error("ASSAY_URL must name a running Assay server, e.g. ASSAY_URL=http://127.0.0.1:6006");
}

const EXPORTERS = [
  { label: "proto", make: (options) => new ProtoExporter(options) },
  { label: "proto-gzip", make: (options) => new ProtoExporter({ ...options, compression: "gzip" }) },
  { label: "json", make: (options) => new JsonExporter(options) },
  { label: "json-gzip", make: (options) => new JsonExporter({ ...options, compression: "gzip" }) },
];

const QUESTION = "What is the weather in Lisbon tomorrow, and should I pack an umbrella?";
const ANSWER = "Tomorrow in Lisbon: 17°C with light rain from 14:00 (70% chance). Yes, pack an umbrella.";
const TOOL_ARGS = JSON.stringify({ city: "Lisbon", date: "2026-11-28" });
const TOOL_RESULT = JSON.stringify({ temperature_c: 17, precipitation_probability: 0.7, summary: "light rain" });
const DOC = "Lisbon has a Mediterranean climate; November is its wettest month, with rain on about ten days.";

for (const { label, make } of EXPORTERS) {
  test(`${label} exporter: every OpenInference field arrives`, async () => {
    const project = `otlp-js-${label}-${process.pid}-${Date.now().toString(36)}`;
    const sent = await sendTrace(make, project);
    const spans = await listSpans(project);
    assert.equal(spans.length, 4, JSON.stringify(spans));
    const byKind = Object.fromEntries(spans.map((s) => [s.kind, s]));
    assert.deepEqual(Object.keys(byKind).sort(), ["CHAIN", "LLM", "RETRIEVER", "TOOL"]);
    for (const s of spans) {
      assert.equal(s.context.trace_id, sent.traceId);
      assert.equal(s.attributes[SC.SESSION_ID], sent.sessionId);
      assert.equal(s.attributes[SC.USER_ID], "user-lisbon-7");
    }

    const root = byKind.CHAIN;
    assert.equal(root.name, "weather-assistant");
    assert.equal(root.parent_id ?? null, null);
    assert.equal(root.status_code, "OK");
    assert.equal(root.attributes[SC.INPUT_VALUE], QUESTION);
    assert.equal(root.attributes[SC.OUTPUT_VALUE], ANSWER);
    assert.equal(root.attributes[SC.INPUT_MIME_TYPE], MimeType.TEXT);
    assert.equal(root.attributes[SC.METADATA], JSON.stringify({ app: "weather", release: "2026.11" }));
    assert.deepEqual(root.attributes[SC.TAG_TAGS], ["weather", "otlp-js"]);

    const llm = byKind.LLM;
    assert.equal(llm.parent_id, sent.rootSpanId);
    assert.equal(llm.name, "ChatCompletion");
    assert.equal(llm.attributes[SC.LLM_MODEL_NAME], "gpt-4o-mini");
    assert.equal(llm.attributes[SC.LLM_PROVIDER], "openai");
    assert.equal(llm.attributes[SC.LLM_TOKEN_COUNT_PROMPT], 321);
    assert.equal(llm.attributes[SC.LLM_TOKEN_COUNT_COMPLETION], 45);
    assert.equal(llm.attributes[SC.LLM_TOKEN_COUNT_TOTAL], 366);
    assert.equal(llm.attributes[SC.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ], 256);
    assert.equal(llm.attributes[SC.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING], 12);
    assert.equal(llm.attributes[`${SC.LLM_INPUT_MESSAGES}.1.${SC.MESSAGE_ROLE}`], "user");
    assert.equal(llm.attributes[`${SC.LLM_INPUT_MESSAGES}.1.${SC.MESSAGE_CONTENT}`], QUESTION);
    assert.equal(llm.attributes[`${SC.LLM_OUTPUT_MESSAGES}.0.${SC.MESSAGE_TOOL_CALLS}.0.${SC.TOOL_CALL_FUNCTION_NAME}`], "get_forecast");
    assert.equal(llm.attributes[`${SC.LLM_OUTPUT_MESSAGES}.0.${SC.MESSAGE_TOOL_CALLS}.0.${SC.TOOL_CALL_FUNCTION_ARGUMENTS_JSON}`], TOOL_ARGS);
    assert.equal(llm.attributes[SC.INPUT_MIME_TYPE], MimeType.JSON);
    assert.equal(llm.attributes[SC.OUTPUT_MIME_TYPE], MimeType.JSON);
    assert.equal(Date.parse(llm.start_time), sent.llmStart);
    assert.equal(Date.parse(llm.end_time), sent.llmStart + 850);

    const tool = byKind.TOOL;
    assert.equal(tool.parent_id, sent.rootSpanId);
    assert.equal(tool.attributes[SC.TOOL_NAME], "get_forecast");
    assert.equal(tool.attributes[SC.TOOL_PARAMETERS], TOOL_ARGS);
    assert.equal(tool.status_code, "ERROR");
    assert.equal(tool.status_message, "forecast service answered 503");
    assert.equal(tool.events.length, 1);
    assert.equal(tool.events[0].name, "exception");
    assert.equal(tool.events[0].attributes["exception.type"], "ForecastUnavailable");
    assert.equal(tool.events[0].attributes["exception.message"], "forecast service answered 503");

    const retriever = byKind.RETRIEVER;
    assert.equal(retriever.attributes[`${SC.RETRIEVAL_DOCUMENTS}.0.${SC.DOCUMENT_ID}`], "climate-lisbon");
    assert.equal(retriever.attributes[`${SC.RETRIEVAL_DOCUMENTS}.0.${SC.DOCUMENT_CONTENT}`], DOC);
    assert.equal(retriever.attributes[`${SC.RETRIEVAL_DOCUMENTS}.0.${SC.DOCUMENT_SCORE}`], 0.92);

    // The typed columns the server mapped, seen through the filter language: each filter names one span.
    const only = async (filter, spanId) => {
      const found = await listSpans(project, filter);
      assert.deepEqual(found.map((s) => s.context.span_id), [spanId], filter);
    };
    const sq = (s) => `'${s.replaceAll("'", "''")}'`;
    await only(`span_kind = 'LLM' and model_name = 'gpt-4o-mini' and model_provider = 'openai' and prompt_tokens = 321 `
      + `and completion_tokens = 45 and total_tokens = 366 and parent_id = ${sq(sent.rootSpanId)}`, llm.context.span_id);
    await only(`span_kind = 'TOOL' and status_code = 'ERROR' and status_message = 'forecast service answered 503' `
      + `and input_value = ${sq(TOOL_ARGS)} and output_value is null`, tool.context.span_id);
    await only(`span_kind = 'CHAIN' and status_code = 'OK' and input_value = ${sq(QUESTION)} and output_value = ${sq(ANSWER)} `
      + `and session_id = ${sq(sent.sessionId)} and user_id = 'user-lisbon-7' and latency_ms = 1500`, root.context.span_id);
    await only(`span_kind = 'RETRIEVER' and input_value = 'Lisbon climate November' and session_id = ${sq(sent.sessionId)}`,
      retriever.context.span_id);
  });
}

/** Emits CHAIN → (RETRIEVER, LLM with a tool call, failing TOOL) through a fresh provider and the given exporter. */
async function sendTrace(make, project) {
  const exporter = make({ url: `${baseUrl}/v1/traces`, headers: { "x-project-name": project } });
  const results = [];
  const exportOnce = exporter.export.bind(exporter);
  exporter.export = (spans, done) => exportOnce(spans, (result) => { results.push(result); done(result); });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "otlp-js-test", [SEMRESATTRS_PROJECT_NAME]: project }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("assay-otlp-js-test");
  const sessionId = `session-${project}`;
  const common = { [SC.SESSION_ID]: sessionId, [SC.USER_ID]: "user-lisbon-7" };
  const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;

  const root = tracer.startSpan("weather-assistant", {
    startTime: t0,
    attributes: {
      ...common,
      [SC.OPENINFERENCE_SPAN_KIND]: OpenInferenceSpanKind.CHAIN,
      [SC.INPUT_VALUE]: QUESTION,
      [SC.INPUT_MIME_TYPE]: MimeType.TEXT,
      [SC.METADATA]: JSON.stringify({ app: "weather", release: "2026.11" }),
      [SC.TAG_TAGS]: ["weather", "otlp-js"],
    },
  });
  const inRoot = trace.setSpan(context.active(), root);

  const retriever = tracer.startSpan("retrieve", {
    startTime: t0 + 10,
    attributes: {
      ...common,
      [SC.OPENINFERENCE_SPAN_KIND]: OpenInferenceSpanKind.RETRIEVER,
      [SC.INPUT_VALUE]: "Lisbon climate November",
      [`${SC.RETRIEVAL_DOCUMENTS}.0.${SC.DOCUMENT_ID}`]: "climate-lisbon",
      [`${SC.RETRIEVAL_DOCUMENTS}.0.${SC.DOCUMENT_CONTENT}`]: DOC,
      [`${SC.RETRIEVAL_DOCUMENTS}.0.${SC.DOCUMENT_SCORE}`]: 0.92,
    },
  }, inRoot);
  retriever.end(t0 + 90);

  const llmStart = t0 + 100;
  const llm = tracer.startSpan("ChatCompletion", {
    startTime: llmStart,
    attributes: {
      ...common,
      [SC.OPENINFERENCE_SPAN_KIND]: OpenInferenceSpanKind.LLM,
      [SC.LLM_MODEL_NAME]: "gpt-4o-mini",
      [SC.LLM_PROVIDER]: "openai",
      [SC.LLM_SYSTEM]: "openai",
      [SC.INPUT_VALUE]: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }] }),
      [SC.INPUT_MIME_TYPE]: MimeType.JSON,
      [`${SC.LLM_INPUT_MESSAGES}.0.${SC.MESSAGE_ROLE}`]: "system",
      [`${SC.LLM_INPUT_MESSAGES}.0.${SC.MESSAGE_CONTENT}`]: "You are a weather assistant. Use get_forecast.",
      [`${SC.LLM_INPUT_MESSAGES}.1.${SC.MESSAGE_ROLE}`]: "user",
      [`${SC.LLM_INPUT_MESSAGES}.1.${SC.MESSAGE_CONTENT}`]: QUESTION,
      [`${SC.LLM_OUTPUT_MESSAGES}.0.${SC.MESSAGE_ROLE}`]: "assistant",
      [`${SC.LLM_OUTPUT_MESSAGES}.0.${SC.MESSAGE_TOOL_CALLS}.0.${SC.TOOL_CALL_ID}`]: "call_7Xq2",
      [`${SC.LLM_OUTPUT_MESSAGES}.0.${SC.MESSAGE_TOOL_CALLS}.0.${SC.TOOL_CALL_FUNCTION_NAME}`]: "get_forecast",
      [`${SC.LLM_OUTPUT_MESSAGES}.0.${SC.MESSAGE_TOOL_CALLS}.0.${SC.TOOL_CALL_FUNCTION_ARGUMENTS_JSON}`]: TOOL_ARGS,
      [SC.OUTPUT_VALUE]: JSON.stringify({ tool_calls: [{ id: "call_7Xq2", function: { name: "get_forecast", arguments: TOOL_ARGS } }] }),
      [SC.OUTPUT_MIME_TYPE]: MimeType.JSON,
      [SC.LLM_TOKEN_COUNT_PROMPT]: 321,
      [SC.LLM_TOKEN_COUNT_COMPLETION]: 45,
      [SC.LLM_TOKEN_COUNT_TOTAL]: 366,
      [SC.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ]: 256,
      [SC.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING]: 12,
    },
  }, inRoot);
  llm.setStatus({ code: SpanStatusCode.OK });
  llm.end(llmStart + 850);

  const tool = tracer.startSpan("get_forecast", {
    startTime: t0 + 1000,
    attributes: {
      ...common,
      [SC.OPENINFERENCE_SPAN_KIND]: OpenInferenceSpanKind.TOOL,
      [SC.TOOL_NAME]: "get_forecast",
      [SC.TOOL_PARAMETERS]: TOOL_ARGS,
      [SC.INPUT_VALUE]: TOOL_ARGS,
      [SC.INPUT_MIME_TYPE]: MimeType.JSON,
    },
  }, inRoot);
  const failure = new Error("forecast service answered 503");
  failure.name = "ForecastUnavailable";
  tool.recordException(failure, t0 + 1200);
  tool.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
  tool.end(t0 + 1210);

  root.setAttribute(SC.OUTPUT_VALUE, ANSWER);
  root.setAttribute(SC.OUTPUT_MIME_TYPE, MimeType.TEXT);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end(t0 + 1500);

  await provider.forceFlush();
  await provider.shutdown();
  assert.ok(results.length > 0, "the exporter exported something");
  for (const r of results) {
    assert.equal(r.code, 0, `export failed: ${r.error}`);
  }
  return { traceId: root.spanContext().traceId, rootSpanId: root.spanContext().spanId, sessionId, llmStart };
}

async function listSpans(project, filter) {
  const body = { project_id: project, start_time: "2000-01-01T00:00:00Z", end_time: new Date(Date.now() + 3600_000).toISOString() };
  if (filter) body.filter = filter;
  const reply = await fetch(`${baseUrl}/v2/spans?limit=100`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await reply.text();
  assert.equal(reply.status, 200, text);
  return JSON.parse(text).spans;
}
