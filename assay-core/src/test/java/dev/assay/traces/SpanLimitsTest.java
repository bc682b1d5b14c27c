package dev.assay.traces;

import static dev.assay.testing.OtlpValues.bytes;
import static dev.assay.testing.OtlpValues.kv;
import static dev.assay.testing.OtlpValues.str;
import static dev.assay.testing.OtlpValues.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpanLimits TEN = new SpanLimits(10);

  @Test
  void truncate_cutsAtACharacterBoundary_neverInsideAMultiByteCharacter() {
    assertEquals("abcdefghij", TEN.truncate("abcdefghijklmnop"));
    // "é" is 2 bytes: 4 of them are 8 bytes, a fifth would make 10, a sixth 12.
    assertEquals("ééééé", TEN.truncate("éééééé"));
    // "€" is 3 bytes: three fit (9), the fourth would be 12.
    assertEquals("€€€", TEN.truncate("€€€€"));
    // An emoji is a surrogate pair of 4 bytes: two fit (8), never half of the third.
    String cut = TEN.truncate("😀😀😀");
    assertEquals("😀😀", cut);
    assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 10);
    assertEquals("short", TEN.truncate("short"));
    assertNull(TEN.truncate(null));
    assertThrows(IllegalArgumentException.class, () -> new SpanLimits(0));
  }

  @Test
  void map_truncatesLongValues_andListsTheirKeys() throws Exception {
    var span = span()
        .addAttributes(kv("input.value", str("x".repeat(50))))
        .addAttributes(kv("short", str("ok")))
        .addAttributes(kv("tag.tags", strings("a", "b".repeat(30))))
        .setName("n".repeat(40))
        .build();
    List<String> notes = new ArrayList<>();

    Span s = OtlpSpanMapper.map("p1", span, notes, TEN);
    JsonNode attributes = JSON.readTree(s.attributesJson());

    assertEquals("x".repeat(10), s.inputValue());
    assertEquals("n".repeat(10), s.name());
    assertEquals("ok", attributes.get("short").asText());
    assertEquals("b".repeat(10), attributes.get("tag.tags").get(1).asText());
    assertEquals("[\"input.value\",\"tag.tags\",\"span.name\"]", attributes.get(SpanLimits.TRUNCATED).toString());
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.getFirst().contains("3 values truncated to 10 bytes"), notes.getFirst());
  }

  @Test
  void map_dropsAttributesAndEventsBeyondTheCounts_andCountsThem() throws Exception {
    var span = span();
    for (int i = 0; i < SpanLimits.MAX_ATTRIBUTES + 5; i++) {
      span.addAttributes(kv("k" + i, str("v")));
    }
    for (int i = 0; i < SpanLimits.MAX_EVENTS + 3; i++) {
      var event = io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("e" + i);
      for (int a = 0; a < (i == 0 ? SpanLimits.MAX_EVENT_ATTRIBUTES + 2 : 1); a++) {
        event.addAttributes(kv("a" + a, str(i == 1 ? "long value" + "!".repeat(20) : "v")));
      }
      span.addEvents(event);
    }

    Span s = OtlpSpanMapper.map("p1", span.build(), new ArrayList<>(), TEN);
    JsonNode attributes = JSON.readTree(s.attributesJson());
    JsonNode events = JSON.readTree(s.eventsJson());

    assertTrue(attributes.has("k999"));
    assertFalse(attributes.has("k1000"));
    assertEquals(5, attributes.get(SpanLimits.DROPPED_ATTRIBUTES).asInt());
    assertEquals(SpanLimits.MAX_EVENTS, events.size());
    assertEquals(3, attributes.get(SpanLimits.DROPPED_EVENTS).asInt());
    assertEquals(SpanLimits.MAX_EVENT_ATTRIBUTES, events.get(0).get("attributes").size());
    assertEquals("long value", events.get(1).get("attributes").get("a0").asText());
    assertEquals("[\"event.1.a0\"]", attributes.get(SpanLimits.TRUNCATED).toString());
  }

  @Test
  void map_withinTheLimits_addsNoMarks() throws Exception {
    List<String> notes = new ArrayList<>();
    Span s = OtlpSpanMapper.map("p1", span().addAttributes(kv("input.value", str("hello"))).build(), notes, TEN);

    assertFalse(s.attributesJson().contains("assay."), s.attributesJson());
    assertTrue(notes.isEmpty());
  }

  private static io.opentelemetry.proto.trace.v1.Span.Builder span() {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(bytes("0af7651916cd43dd8448eb211c80319c")).setSpanId(bytes("b7ad6b7169203331")).setName("step")
        .setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(1_700_000_000_250_000_000L);
  }
}
