package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A few OpenInference spans sent over OTLP/JSON to a live server, for the evaluator and evaluation commands:
 * three LLM answers with input, output, a retrieved document and {@code metadata.gold}, an hour ago.
 */
public final class SampleSpans {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  /** Span id → {input, output, document, gold}. */
  public static final Map<String, List<String>> ANSWERS = Map.of(
      "a000000000000001", List.of("What is the capital of France?", "Paris", "Paris is the capital of France.", "Paris"),
      "a000000000000002", List.of("What is 2 + 2?", "5", "Two plus two is four.", "4"),
      "a000000000000003", List.of("Who wrote Hamlet?", "Shakespeare", "Hamlet is a play by William Shakespeare.", "Shakespeare"));

  private SampleSpans() {}

  /** Sends the sample spans into {@code project}. */
  public static void send(String serverUrl, String project) throws Exception {
    long t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toEpochMilli() * 1_000_000L;
    List<String> spans = new ArrayList<>();
    int i = 0;
    for (String id : ANSWERS.keySet().stream().sorted().toList()) {
      List<String> a = ANSWERS.get(id);
      long start = t0 + i++ * 1_000_000_000L;
      spans.add("{\"traceId\": \"" + TRACE + "\", \"spanId\": \"" + id + "\", \"name\": \"answer\", \"startTimeUnixNano\": \""
          + start + "\", \"endTimeUnixNano\": \"" + (start + 500_000_000L) + "\", \"status\": {\"code\": 1}, \"attributes\": ["
          + String.join(",", attr("openinference.span.kind", "LLM"), attr("llm.model_name", "gpt-4o"),
              attr("input.value", a.get(0)), attr("output.value", a.get(1)),
              attr("retrieval.documents.0.document.content", a.get(2)), attr("metadata.gold", a.get(3)))
          + "]}");
    }
    post(serverUrl, project, "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + String.join(",", spans) + "]}]}]}");
  }

  private static String attr(String key, String value) {
    return "{\"key\": \"" + key + "\", \"value\": {\"stringValue\": " + JSON.valueToTree(value) + "}}";
  }

  private static void post(String serverUrl, String project, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/v1/traces"))
          .header("Content-Type", "application/json").header("x-project-name", project)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reply.statusCode(), reply.body());
    }
  }
}
