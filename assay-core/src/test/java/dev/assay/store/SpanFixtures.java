package dev.assay.store;

import dev.assay.traces.Span;
import java.util.ArrayList;
import java.util.List;

/** Builds spans for the writer tests: every field settable, defaults that make a valid span. */
final class SpanFixtures {
  String projectId;
  String traceId;
  String spanId;
  String parentId;
  String name = "op";
  String spanKind = "CHAIN";
  long startTime = 1_767_225_600_000_000L;
  long endTime = 1_767_225_600_500_000L;
  String statusCode = "OK";
  String statusMessage;
  String inputValue;
  String inputMimeType;
  String outputValue;
  String outputMimeType;
  String modelName;
  String modelProvider;
  Long promptTokens;
  Long completionTokens;
  Long totalTokens;
  Double costTotal;
  String sessionId;
  String userId;
  String attributesJson;
  String eventsJson;
  String agentName;
  String tagsJson;
  String metadataJson;
  Span.TokenDetails tokenDetails = Span.TokenDetails.NONE;
  Double costPrompt;
  Double costCompletion;

  static SpanFixtures span(String projectId, String traceId, String spanId) {
    SpanFixtures f = new SpanFixtures();
    f.projectId = projectId;
    f.traceId = traceId;
    f.spanId = spanId;
    return f;
  }

  SpanFixtures name(String value) {
    name = value;
    return this;
  }

  SpanFixtures parent(String id) {
    parentId = id;
    return this;
  }

  SpanFixtures times(long start, long end) {
    startTime = start;
    endTime = end;
    return this;
  }

  SpanFixtures session(String session, String user) {
    sessionId = session;
    userId = user;
    return this;
  }

  SpanFixtures io(String input, String output) {
    inputValue = input;
    outputValue = output;
    return this;
  }

  SpanFixtures llm(long prompt, long completion, double cost) {
    spanKind = "LLM";
    promptTokens = prompt;
    completionTokens = completion;
    totalTokens = prompt + completion;
    costTotal = cost;
    return this;
  }

  SpanFixtures error(String message) {
    statusCode = "ERROR";
    statusMessage = message;
    return this;
  }

  SpanFixtures attributes(String json) {
    attributesJson = json;
    return this;
  }

  Span build() {
    return new Span(projectId, traceId, spanId, parentId, name, spanKind, startTime, endTime, statusCode, statusMessage,
        inputValue, inputMimeType, outputValue, outputMimeType, modelName, modelProvider, promptTokens, completionTokens,
        totalTokens, costTotal, sessionId, userId, attributesJson, eventsJson, agentName, tagsJson, metadataJson, tokenDetails,
        costPrompt, costCompletion, null, List.of(), List.of());
  }

  /** {@code count} spans of one trace: a root {@code <trace>-0} and children, about {@code bytes} of text each. */
  static List<Span> trace(String projectId, String traceId, int count, int bytes) {
    String filler = "x".repeat(Math.max(0, bytes - 300));
    List<Span> spans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SpanFixtures f = span(projectId, traceId, String.format("%016x", i + 1))
          .times(1_767_225_600_000_000L + i, 1_767_225_600_100_000L + i)
          .io("{\"q\":\"" + filler + "\"}", "answer " + i)
          .attributes("{\"llm.model_name\":\"gpt-4o\",\"i\":" + i + "}");
      if (i > 0) {
        f.parent(String.format("%016x", 1)).llm(100, 20, 0.0001);
      }
      spans.add(f.build());
    }
    return spans;
  }
}
