// A realistic agent conversation in OpenInference attributes: a session of two turns. The first turn is a
// CHAIN root with an LLM call that asks for a tool, the TOOL (whose HTTP call fails with an exception),
// a RETRIEVER with scored documents and an LLM call with a message too long for a preview; the second
// turn is a single CHAIN span. The root and the first LLM call carry inline evaluations.
import { hexId, otlpSpan } from "./otlp.mjs";

export function agentConversation(sessionId, now = Date.now()) {
  const t1 = now - 120_000;
  const t2 = now - 60_000;
  const ids = {
    trace1: hexId(16), trace2: hexId(16),
    root: hexId(8), llm: hexId(8), tool: hexId(8), http: hexId(8), retriever: hexId(8), summarize: hexId(8),
    root2: hexId(8),
  };
  // Longer than the 4,096 characters a preview keeps: the trace view must fetch the whole span.
  const report = `${"Forecast details for Paris, hour by hour. ".repeat(150)}END-OF-REPORT`;
  const question = "What is the weather in Paris?";
  const answer = "It is 18°C and sunny in Paris.";
  const spans = [
    otlpSpan({
      traceId: ids.trace1, spanId: ids.root, name: "weather-agent", startMs: t1, endMs: t1 + 3000,
      attributes: {
        "openinference.span.kind": "CHAIN", "session.id": sessionId, "user.id": "user-42",
        "input.value": question, "input.mime_type": "text/plain",
        "output.value": answer, "output.mime_type": "text/plain",
        "metadata": JSON.stringify({ app_version: "1.4.2" }), "tag.tags": ["weather", "beta"],
        "evaluations.0.evaluation.name": "helpfulness", "evaluations.0.evaluation.label": "helpful",
        "evaluations.0.evaluation.score": 0.9,
      },
    }),
    otlpSpan({
      traceId: ids.trace1, spanId: ids.llm, parentId: ids.root, name: "ChatCompletion", startMs: t1 + 100, endMs: t1 + 1200,
      attributes: {
        "openinference.span.kind": "LLM", "session.id": sessionId,
        "llm.model_name": "gpt-4o-mini", "llm.provider": "openai",
        "llm.invocation_parameters": JSON.stringify({ temperature: 0, max_tokens: 256 }),
        "llm.tools.0.tool.json_schema": JSON.stringify({
          type: "function",
          function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
        }),
        "llm.input_messages.0.message.role": "system",
        "llm.input_messages.0.message.content": "You are a weather assistant. Use the tools.",
        "llm.input_messages.1.message.role": "user",
        "llm.input_messages.1.message.content": question,
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.tool_calls.0.tool_call.id": "call_abc123",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "get_weather",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": "{\"city\":\"Paris\",\"unit\":\"celsius\"}",
        "llm.token_count.prompt": 42, "llm.token_count.completion": 12, "llm.token_count.total": 54,
        "evaluations.0.evaluation.name": "tool_choice", "evaluations.0.evaluation.label": "correct",
        "evaluations.0.evaluation.score": 1, "evaluations.0.evaluation.explanation": "Asked for the weather tool.",
        "input.value": JSON.stringify({ messages: [{ role: "user", content: question }] }),
        "input.mime_type": "application/json",
      },
    }),
    otlpSpan({
      traceId: ids.trace1, spanId: ids.tool, parentId: ids.root, name: "get_weather", startMs: t1 + 1300, endMs: t1 + 1900,
      attributes: {
        "openinference.span.kind": "TOOL", "session.id": sessionId, "tool.name": "get_weather",
        "input.value": "{\"city\":\"Paris\",\"unit\":\"celsius\"}", "input.mime_type": "application/json",
        "output.value": "{\"temperature\":18,\"sky\":\"sunny\"}", "output.mime_type": "application/json",
      },
    }),
    otlpSpan({
      traceId: ids.trace1, spanId: ids.http, parentId: ids.tool, name: "forecast-api", startMs: t1 + 1350, endMs: t1 + 1600,
      attributes: { "openinference.span.kind": "TOOL", "session.id": sessionId, "http.url": "https://forecast.example/v1" },
      error: "forecast service timed out",
      events: [{
        name: "exception", timeMs: t1 + 1590,
        attributes: {
          "exception.type": "TimeoutError",
          "exception.message": "forecast service timed out after 250 ms",
          "exception.stacktrace": "TimeoutError: forecast service timed out after 250 ms\n    at fetchForecast (weather.js:12:9)",
        },
      }],
    }),
    otlpSpan({
      traceId: ids.trace1, spanId: ids.retriever, parentId: ids.root, name: "retrieve-docs", startMs: t1 + 2000, endMs: t1 + 2400,
      attributes: {
        "openinference.span.kind": "RETRIEVER", "session.id": sessionId, "input.value": "Paris weather",
        "retrieval.documents.0.document.id": "doc-paris",
        "retrieval.documents.0.document.content": "Paris has a temperate oceanic climate.",
        "retrieval.documents.0.document.score": 0.92,
        "retrieval.documents.1.document.id": "doc-lyon",
        "retrieval.documents.1.document.content": "Lyon lies at the confluence of the Rhône and the Saône.",
        "retrieval.documents.1.document.score": 0.41,
      },
    }),
    otlpSpan({
      traceId: ids.trace1, spanId: ids.summarize, parentId: ids.root, name: "summarize-report", startMs: t1 + 2500, endMs: t1 + 2900,
      attributes: {
        "openinference.span.kind": "LLM", "session.id": sessionId, "llm.model_name": "gpt-4o-mini",
        "llm.input_messages.0.message.role": "user",
        "llm.input_messages.0.message.content": report,
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.content": answer,
      },
    }),
    otlpSpan({
      traceId: ids.trace2, spanId: ids.root2, name: "weather-agent", startMs: t2, endMs: t2 + 1500,
      attributes: {
        "openinference.span.kind": "CHAIN", "session.id": sessionId, "user.id": "user-42",
        "input.value": "And tomorrow?", "output.value": "Tomorrow brings rain, 14°C.",
      },
    }),
  ];
  return { spans, ids, question, answer, report };
}
