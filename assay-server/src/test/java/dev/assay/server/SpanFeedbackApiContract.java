package dev.assay.server;

import static dev.assay.server.V2TestClient.BEARER;
import static dev.assay.server.V2TestClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.spaces.Space;
import dev.assay.traces.SpanPreview;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/spans} shows the results stored on a span and its trace (inline feedback sent with the
 * spans over OTLP, and results written through the store) and names the attributes a listed preview cut.
 */
abstract class SpanFeedbackApiContract extends LiveServerContract {
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String ROOT = "eee19b7ec3c1b174";
  private static final String CHILD = "eee19b7ec3c1b175";
  private static final long START = 1_767_225_600_000_000_000L;
  private static final String WIDE = ", \"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": \"2100-01-01T00:00:00Z\"";

  private final String project = "feedback-" + UUID.randomUUID();

  @Test
  void listSpans_showsAnnotationsTraceAnnotationsEvaluationsAndTruncatedAttributes() throws Exception {
    String longInput = "q".repeat(SpanPreview.MAX_CHARS + 10);
    Span root = span(ROOT, null,
        kv("input.value", longInput),
        kv("annotations.0.annotation.name", "helpful"), kv("annotations.0.annotation.label", "yes"),
        kv("annotations.0.annotation.explanation", "clear answer"),
        kv("evaluations.0.evaluation.name", "hallucination"), kv("evaluations.0.evaluation.label", "factual"),
        kv("evaluations.0.evaluation.score", "0"), kv("evaluations.0.evaluation.explanation", "grounded"),
        kv("trace.annotations.0.annotation.name", "resolved"), kv("trace.annotations.0.annotation.label", "true"));
    Span child = span(CHILD, ROOT, kv("input.value", "short"));
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(root).addSpans(child))).build();
    assertEquals(200, server.client.post("/v1/traces", "application/x-protobuf",
        HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()), "x-project-name", project).status());
    String projectId = server.server.store().projects().findByName(AccessScope.unrestricted(), Space.DEFAULT_ID, project)
        .orElseThrow().id();
    server.server.store().evaluations().upsert(AccessScope.unrestricted(), List.of(new Evaluation(null, projectId,
        Evaluation.TargetKind.SPAN, CHILD, "json_valid", "", null, null, "pass", 1.0, null, true, Evaluation.AnnotatorKind.CODE,
        Evaluation.Source.API, null, null, null, null, null)));

    JsonNode reply = expect(200, server.client.post("/v2/spans", "application/json",
        HttpRequest.BodyPublishers.ofString("{\"project_id\": \"" + project + "\"" + WIDE + "}"), BEARER));

    Map<String, JsonNode> byId = new HashMap<>();
    StreamSupport.stream(reply.get("spans").spliterator(), false).forEach(s -> byId.put(s.at("/context/span_id").asText(), s));
    JsonNode r = byId.get(ROOT);
    assertEquals(1, r.get("annotations").size());
    assertEquals("helpful", r.at("/annotations/0/name").asText());
    assertEquals("yes", r.at("/annotations/0/label").asText());
    assertEquals("clear answer", r.at("/annotations/0/text").asText());
    assertFalse(r.at("/annotations/0").has("score"), "absent fields are omitted");
    assertEquals(1, r.get("evaluations").size());
    assertEquals("hallucination", r.at("/evaluations/0/name").asText());
    assertEquals(0.0, r.at("/evaluations/0/score").asDouble());
    assertEquals("factual", r.at("/evaluations/0/label").asText());
    assertEquals("grounded", r.at("/evaluations/0/explanation").asText());
    assertEquals("resolved", r.at("/trace_annotations/0/name").asText());
    assertEquals(List.of("input.value"), texts(r.get("truncated_attributes")));
    assertEquals(SpanPreview.MAX_CHARS, r.at("/attributes/input.value").asText().length());

    JsonNode c = byId.get(CHILD);
    assertEquals(0, c.get("annotations").size(), "span feedback stays on its span");
    assertEquals("resolved", c.at("/trace_annotations/0/name").asText(), "every span of the trace shows its trace's annotations");
    assertEquals(1, c.get("trace_annotations").size());
    assertEquals("json_valid", c.at("/evaluations/0/name").asText());
    assertEquals("pass", c.at("/evaluations/0/label").asText());
    assertTrue(c.at("/evaluations/0/passed").asBoolean(), "Assay's passed verdict rides along (the UI colours by it)");
    assertFalse(r.at("/evaluations/0").has("passed"), "omitted when a result has no verdict");
    assertFalse(c.has("truncated_attributes"), "omitted when nothing was cut");
  }

  @Test
  void listSpans_showsTheCost_sentOrPricedFromModelAndTokens_andOmitsAnUnknownOne() throws Exception {
    Span priced = span(ROOT, null, kv("llm.model_name", "gpt-4o-2024-08-06"), kv("llm.token_count.prompt", "1000"),
        kv("llm.token_count.completion", "100"));
    Span sent = span(CHILD, ROOT, kv("llm.model_name", "gpt-4o"), kv("llm.token_count.prompt", "1000"),
        kv("llm.cost.total", "0.5"));
    Span unknown = span("eee19b7ec3c1b176", ROOT, kv("llm.model_name", "in-house-model"), kv("llm.token_count.prompt", "1000"));
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(priced).addSpans(sent).addSpans(unknown))).build();
    assertEquals(200, server.client.post("/v1/traces", "application/x-protobuf",
        HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()), "x-project-name", project).status());

    JsonNode reply = expect(200, server.client.post("/v2/spans", "application/json",
        HttpRequest.BodyPublishers.ofString("{\"project_id\": \"" + project + "\"" + WIDE + "}"), BEARER));

    Map<String, JsonNode> byId = new HashMap<>();
    StreamSupport.stream(reply.get("spans").spliterator(), false).forEach(s -> byId.put(s.at("/context/span_id").asText(), s));
    // gpt-4o list prices: $2.50 per million input tokens, $10 per million output tokens (model-prices.csv).
    assertEquals((1000 * 2.50 + 100 * 10.00) / 1e6, byId.get(ROOT).get("cost_total").asDouble(), 1e-12);
    assertEquals(0.5, byId.get(CHILD).get("cost_total").asDouble(), 1e-12, "the span's own llm.cost.total wins");
    assertFalse(byId.get("eee19b7ec3c1b176").has("cost_total"), "no price, no cost: never invented");
  }

  @Test
  void otlp_skippedInlineFeedback_isAPartialSuccessWarning_andTheSpanIsStored() throws Exception {
    String body = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%s","spanId":"%s","name":"turn",
          "startTimeUnixNano":"1767225600000000000","endTimeUnixNano":"1767225601000000000",
          "attributes":[{"key":"session.evaluations.0.evaluation.name","value":{"stringValue":"csat"}},
                        {"key":"session.evaluations.0.evaluation.label","value":{"stringValue":"ok"}}]}]}]}]}"""
        .formatted(TRACE, ROOT);

    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/json", HttpRequest.BodyPublishers.ofString(body),
        "x-project-name", project);

    assertEquals(200, reply.status());
    JsonNode partial = new ObjectMapper().readTree(reply.body()).get("partialSuccess");
    assertFalse(partial.has("rejectedSpans") && partial.get("rejectedSpans").asLong() != 0, reply.body());
    String message = partial.get("errorMessage").asText();
    assertTrue(message.contains("session.evaluations.0") && message.contains("no session.id"), message);
    JsonNode listed = expect(200, server.client.post("/v2/spans", "application/json",
        HttpRequest.BodyPublishers.ofString("{\"project_id\": \"" + project + "\"" + WIDE + "}"), BEARER));
    assertEquals(1, listed.get("spans").size());
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static Span span(String id, String parent, KeyValue... attributes) {
    HexFormat hex = HexFormat.of();
    Span.Builder b = Span.newBuilder().setTraceId(ByteString.copyFrom(hex.parseHex(TRACE)))
        .setSpanId(ByteString.copyFrom(hex.parseHex(id))).setName(parent == null ? "agent" : "llm")
        .setStartTimeUnixNano(START).setEndTimeUnixNano(START + 1_000_000);
    if (parent != null) {
      b.setParentSpanId(ByteString.copyFrom(hex.parseHex(parent)));
    }
    return b.addAllAttributes(List.of(attributes)).build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
