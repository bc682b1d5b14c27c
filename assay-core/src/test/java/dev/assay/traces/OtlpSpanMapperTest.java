package dev.assay.traces;

import static dev.assay.testing.OtlpValues.bytes;
import static dev.assay.testing.OtlpValues.kv;
import static dev.assay.testing.OtlpValues.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

class OtlpSpanMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";
  private static final String PARENT = "00f067aa0ba902b7";

  @Test
  void map_readsIdsTimesStatusAndOpenInferenceFields() {
    var span = span().setParentSpanId(bytes(PARENT))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
        .addAttributes(kv("openinference.span.kind", str("llm")))
        .addAttributes(kv("input.value", str("hi")))
        .addAttributes(kv("input.mime_type", str("text/plain")))
        .addAttributes(kv("output.value", str("{\"a\":1}")))
        .addAttributes(kv("output.mime_type", str("application/json")))
        .addAttributes(kv("llm.model_name", str("gpt-4o")))
        .addAttributes(kv("llm.provider", str("openai")))
        .addAttributes(kv("llm.token_count.prompt", AnyValue.newBuilder().setIntValue(12).build()))
        .addAttributes(kv("llm.token_count.completion", AnyValue.newBuilder().setIntValue(5).build()))
        .addAttributes(kv("llm.token_count.total", AnyValue.newBuilder().setIntValue(17).build()))
        .addAttributes(kv("llm.cost.total", AnyValue.newBuilder().setDoubleValue(0.25).build()))
        .addAttributes(kv("session.id", str("s-1")))
        .addAttributes(kv("user.id", str("u-1")))
        .build();

    Span s = OtlpSpanMapper.map("p1", span);

    assertEquals(TRACE, s.traceId());
    assertEquals(SPAN, s.spanId());
    assertEquals(PARENT, s.parentId());
    assertEquals("LLM", s.spanKind());
    assertEquals(1_700_000_000_000_000L, s.startTime());
    assertEquals(1_700_000_000_250_000L, s.endTime());
    assertEquals("ERROR", s.statusCode());
    assertEquals("boom", s.statusMessage());
    assertEquals("hi", s.inputValue());
    assertEquals("text/plain", s.inputMimeType());
    assertEquals("{\"a\":1}", s.outputValue());
    assertEquals("application/json", s.outputMimeType());
    assertEquals("gpt-4o", s.modelName());
    assertEquals("openai", s.modelProvider());
    assertEquals(12L, s.promptTokens());
    assertEquals(5L, s.completionTokens());
    assertEquals(17L, s.totalTokens());
    assertEquals(0.25, s.costTotal());
    assertEquals("s-1", s.sessionId());
    assertEquals("u-1", s.userId());
  }

  @Test
  void map_withoutKindOrStatus_isUnknownAndUnset() {
    Span s = OtlpSpanMapper.map("p1", span().build());

    assertEquals("UNKNOWN", s.spanKind());
    assertEquals("UNSET", s.statusCode());
    assertNull(s.statusMessage());
    assertNull(s.parentId());
    assertTrue(s.isRoot());
  }

  @Test
  void attributes_nestedListsFlattenToDottedKeys_arraysStayArrays_nulCharactersAreStripped() throws Exception {
    AnyValue kvlist = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(kv("user", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(kv("tier", str("gold")))).build()))
        .addValues(kv("n", AnyValue.newBuilder().setIntValue(3).build()))).build();
    AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
        .addValues(str("a")).addValues(str("b\u0000c"))).build();
    var span = span().setName("na\u0000me")
        .addAttributes(kv("metadata", kvlist))
        .addAttributes(kv("tag.tags", array))
        .addAttributes(kv("input.value", str("x\u0000y")))
        .build();

    Span s = OtlpSpanMapper.map("p1", span);
    JsonNode attributes = JSON.readTree(s.attributesJson());

    assertEquals("gold", attributes.get("metadata.user.tier").asText());
    assertEquals(3, attributes.get("metadata.n").asInt());
    assertEquals("[\"a\",\"bc\"]", attributes.get("tag.tags").toString());
    assertEquals("xy", s.inputValue());
    assertEquals("name", s.name());
    assertFalse(s.attributesJson().contains("\\u0000"), s.attributesJson());
  }

  @Test
  void events_areAJsonArrayWithTheirAttributes() throws Exception {
    var span = span().addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
        .setName("exception").setTimeUnixNano(1_700_000_000_100_000_000L)
        .addAttributes(kv("exception.type", str("ValueError")))
        .addAttributes(kv("exception.message", str("bad"))))
        .build();

    JsonNode events = JSON.readTree(OtlpSpanMapper.map("p1", span).eventsJson());

    assertEquals(1, events.size());
    assertEquals("exception", events.get(0).get("name").asText());
    assertEquals(1_700_000_000_100_000L, events.get(0).get("timestamp").asLong());
    assertEquals("ValueError", events.get(0).get("attributes").get("exception.type").asText());
  }

  @Test
  void genAi_fillsMissingOpenInferenceKeys() throws Exception {
    var span = span()
        .addAttributes(kv("gen_ai.operation.name", str("chat")))
        .addAttributes(kv("gen_ai.request.model", str("claude-x")))
        .addAttributes(kv("gen_ai.provider.name", str("anthropic")))
        .addAttributes(kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setIntValue(100).build()))
        .addAttributes(kv("gen_ai.usage.output_tokens", AnyValue.newBuilder().setIntValue(20).build()))
        .addAttributes(kv("gen_ai.conversation.id", str("conv-9")))
        .build();

    Span s = OtlpSpanMapper.map("p1", span);

    assertEquals("LLM", s.spanKind());
    assertEquals("claude-x", s.modelName());
    assertEquals("anthropic", s.modelProvider());
    assertEquals(100L, s.promptTokens());
    assertEquals(20L, s.completionTokens());
    assertEquals(120L, s.totalTokens());
    assertEquals("conv-9", s.sessionId());
    JsonNode attributes = JSON.readTree(s.attributesJson());
    assertEquals("claude-x", attributes.get("llm.model_name").asText());
    assertEquals("claude-x", attributes.get("gen_ai.request.model").asText());
  }

  @Test
  void genAi_neverOverridesOpenInferenceKeys() {
    var span = span()
        .addAttributes(kv("openinference.span.kind", str("CHAIN")))
        .addAttributes(kv("gen_ai.operation.name", str("chat")))
        .addAttributes(kv("llm.model_name", str("oi-model")))
        .addAttributes(kv("gen_ai.response.model", str("genai-model")))
        .addAttributes(kv("gen_ai.system", str("openai")))
        .addAttributes(kv("llm.provider", str("azure")))
        .addAttributes(kv("llm.token_count.prompt", AnyValue.newBuilder().setIntValue(7).build()))
        .addAttributes(kv("gen_ai.usage.input_tokens", AnyValue.newBuilder().setIntValue(100).build()))
        .build();

    Span s = OtlpSpanMapper.map("p1", span);

    assertEquals("CHAIN", s.spanKind());
    assertEquals("oi-model", s.modelName());
    assertEquals("azure", s.modelProvider());
    assertEquals(7L, s.promptTokens());
  }

  @Test
  void rejection_namesInvalidIdsAndInvertedTimes() {
    assertNull(OtlpSpanMapper.rejection(span().build()));
    assertTrue(OtlpSpanMapper.rejection(span().setTraceId(ByteString.copyFrom(new byte[16])).build()).contains("invalid trace_id"));
    assertTrue(OtlpSpanMapper.rejection(span().setTraceId(bytes("0af7")).build()).contains("invalid trace_id"));
    assertTrue(OtlpSpanMapper.rejection(span().clearSpanId().build()).contains("invalid span_id"));
    assertTrue(OtlpSpanMapper.rejection(span().setParentSpanId(bytes("00f0")).build()).contains("invalid parent_span_id"));
    assertTrue(OtlpSpanMapper.rejection(span().setEndTimeUnixNano(1).build()).contains("before start"));
  }

  private static io.opentelemetry.proto.trace.v1.Span.Builder span() {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN)).setName("step")
        .setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(1_700_000_000_250_000_000L);
  }
}
