package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;

/** Spans ingested over OTLP/JSON for the evaluator tests: LLM spans whose outputs a code check can tell apart. */
final class EvaluatorFixtures {
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  private EvaluatorFixtures() {}

  /** Ingests one span per output (span ids …01, …02, …) into {@code project}; returns the span ids. */
  static String[] ingest(HttpTestClient client, String project, String... outputs) {
    StringBuilder spans = new StringBuilder();
    String[] ids = new String[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      ids[i] = String.format("b7ad6b71692033%02d", i + 1);
      long start = 1_767_225_600_000_000_000L + i * 1_000_000_000L;
      spans.append(i == 0 ? "" : ",").append("""
          {"traceId": "%s", "spanId": "%s", "name": "llm", "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
           "attributes": [{"key": "openinference.span.kind", "value": {"stringValue": "LLM"}},
                          {"key": "input.value", "value": {"stringValue": "question %d"}},
                          {"key": "output.value", "value": {"stringValue": "%s"}}]}""".formatted(TRACE, ids[i], start,
          start + 500_000_000L, i, outputs[i]));
    }
    String body = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + spans + "]}]}]}";
    HttpTestClient.Reply reply = client.post("/v1/traces", "application/json", HttpRequest.BodyPublishers.ofString(body),
        "x-project-name", project);
    assertEquals(200, reply.status(), reply.body());
    return ids;
  }

  /** A CODE spec checking the output against a regex. */
  static String regexSpec(String name, String pattern) {
    return """
        {"kind": "CODE", "name": "%s", "check": "MATCHES_REGEX", "variables": ["output"], "params": {"pattern": "%s"}}"""
        .formatted(name, pattern);
  }

  /** An LLM_JUDGE spec with two rails; {@code model} is a JSON object or {@code null}. */
  static String judgeSpec(String name, String model) {
    return """
        {"kind": "LLM_JUDGE", "name": "%s", "messages": [{"role": "user", "content": "Is this answer correct? {output}"}],
         "rails": {"correct": 1, "incorrect": 0}, "direction": "MAXIMIZE", "include_explanation": true,
         "use_structured_output": false, "use_function_calling": false, "model": %s}""".formatted(name, model);
  }
}
