package dev.assay.server.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.traces.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * OTLP/JSON: one {@code ExportTraceServiceRequest} document that {@code POST /v1/traces} accepts back, with one
 * resource (attribute {@code openinference.project.name}) and one scope holding every span.
 *
 * <p>Written by hand with a streaming generator rather than by building the protobuf message and printing
 * it with {@code JsonFormat}: a message holds all its spans, an export must hold one at a time; and
 * {@code JsonFormat} prints ids as base64, where OTLP/JSON wants hex. Field names and encodings follow the
 * OTLP/JSON spec: lowerCamelCase, hex ids, 64-bit integers ({@code *UnixNano}, {@code intValue}) as strings,
 * enums ({@code status.code}) as integers, attributes as {@code KeyValue} lists.
 *
 * <p>Attributes are the stored flattened map. The typed columns go back under their OpenInference keys when
 * the map lacks them, and a stored text column replaces the text attribute of its key (a list view may have
 * cut the attribute; the column is whole), so what is re-ingested maps to the same span.
 */
final class OtlpJsonSpanWriter implements SpanExportWriter {
  private static final int STATUS_OK = 1;
  private static final int STATUS_ERROR = 2;

  private final ObjectMapper json;
  private final JsonGenerator out;
  private final String projectName;

  OtlpJsonSpanWriter(OutputStream out, ObjectMapper json, String projectName) throws IOException {
    this.json = json;
    this.out = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.projectName = projectName;
  }

  @Override
  public void begin() throws IOException {
    out.writeStartObject();
    out.writeArrayFieldStart("resourceSpans");
    out.writeStartObject();
    out.writeObjectFieldStart("resource");
    out.writeArrayFieldStart("attributes");
    keyValue("openinference.project.name", JsonNodeFactory.instance.textNode(projectName));
    out.writeEndArray();
    out.writeEndObject();
    out.writeArrayFieldStart("scopeSpans");
    out.writeStartObject();
    out.writeObjectFieldStart("scope");
    out.writeStringField("name", "assay-export");
    out.writeEndObject();
    out.writeArrayFieldStart("spans");
  }

  @Override
  public void write(Span s) throws IOException {
    out.writeStartObject();
    out.writeStringField("traceId", s.traceId());
    out.writeStringField("spanId", s.spanId());
    if (!s.isRoot()) {
      out.writeStringField("parentSpanId", s.parentId());
    }
    out.writeStringField("name", s.name());
    out.writeStringField("startTimeUnixNano", nanos(s.startTime()));
    out.writeStringField("endTimeUnixNano", nanos(s.endTime()));
    out.writeArrayFieldStart("attributes");
    for (Map.Entry<String, JsonNode> attribute : attributes(s).properties()) {
      keyValue(attribute.getKey(), attribute.getValue());
    }
    out.writeEndArray();
    out.writeArrayFieldStart("events");
    for (JsonNode event : json.readTree(s.eventsJson())) {
      out.writeStartObject();
      out.writeStringField("timeUnixNano", nanos(event.path("timestamp").asLong()));
      out.writeStringField("name", event.path("name").asText(""));
      out.writeArrayFieldStart("attributes");
      for (Map.Entry<String, JsonNode> attribute : event.path("attributes").properties()) {
        keyValue(attribute.getKey(), attribute.getValue());
      }
      out.writeEndArray();
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeObjectFieldStart("status");
    switch (s.statusCode()) {
      case "OK" -> out.writeNumberField("code", STATUS_OK);
      case "ERROR" -> out.writeNumberField("code", STATUS_ERROR);
      default -> { } // UNSET is the default, omitted as protobuf JSON omits defaults
    }
    if (s.statusMessage() != null && !s.statusMessage().isEmpty()) {
      out.writeStringField("message", s.statusMessage());
    }
    out.writeEndObject();
    out.writeEndObject();
  }

  @Override
  public void finish() throws IOException {
    out.writeEndArray(); // spans
    out.writeEndObject();
    out.writeEndArray(); // scopeSpans
    out.writeEndObject();
    out.writeEndArray(); // resourceSpans
    out.writeEndObject();
    out.close(); // flushes; the target stays open (AUTO_CLOSE_TARGET off)
  }

  /** The stored attribute map with the typed columns put back (see the class comment). */
  private ObjectNode attributes(Span s) throws IOException {
    JsonNode stored = json.readTree(s.attributesJson());
    ObjectNode map = stored instanceof ObjectNode o ? o : json.createObjectNode();
    if (!"UNKNOWN".equals(s.spanKind()) && !map.has("openinference.span.kind")) {
      map.put("openinference.span.kind", s.spanKind()); // only when missing: the column is normalised (upper case)
    }
    text(map, "input.value", s.inputValue());
    text(map, "input.mime_type", s.inputMimeType());
    text(map, "output.value", s.outputValue());
    text(map, "output.mime_type", s.outputMimeType());
    text(map, "llm.model_name", s.modelName());
    text(map, "llm.provider", s.modelProvider());
    text(map, "session.id", s.sessionId());
    text(map, "user.id", s.userId());
    number(map, "llm.token_count.prompt", s.promptTokens());
    number(map, "llm.token_count.completion", s.completionTokens());
    number(map, "llm.token_count.total", s.totalTokens());
    if (s.costTotal() != null && !map.has("llm.cost.total")) {
      map.put("llm.cost.total", s.costTotal());
    }
    return map;
  }

  private static void text(ObjectNode map, String key, String column) {
    JsonNode current = map.get(key);
    if (column != null && (current == null || current.isNull() || current.isTextual())) {
      map.put(key, column);
    }
  }

  private static void number(ObjectNode map, String key, Long column) {
    if (column != null && !map.has(key)) {
      map.put(key, column);
    }
  }

  private void keyValue(String key, JsonNode value) throws IOException {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return; // OTLP has no null attribute; ingest leaves unset values out too
    }
    out.writeStartObject();
    out.writeStringField("key", key);
    out.writeFieldName("value");
    anyValue(value);
    out.writeEndObject();
  }

  /** One OTLP {@code AnyValue}: text, bool, int (as a string), double, array, or key-value list for an object. */
  private void anyValue(JsonNode value) throws IOException {
    out.writeStartObject();
    if (value.isTextual()) {
      out.writeStringField("stringValue", value.asText());
    } else if (value.isBoolean()) {
      out.writeBooleanField("boolValue", value.asBoolean());
    } else if (value.isIntegralNumber() && value.canConvertToLong()) {
      out.writeStringField("intValue", Long.toString(value.asLong()));
    } else if (value.isNumber()) {
      out.writeNumberField("doubleValue", value.asDouble());
    } else if (value.isArray()) {
      out.writeObjectFieldStart("arrayValue");
      out.writeArrayFieldStart("values");
      for (JsonNode item : value) {
        if (item.isNull()) {
          out.writeStartObject();
          out.writeEndObject(); // an empty AnyValue keeps the array's positions
        } else {
          anyValue(item);
        }
      }
      out.writeEndArray();
      out.writeEndObject();
    } else if (value.isObject()) {
      out.writeObjectFieldStart("kvlistValue");
      out.writeArrayFieldStart("values");
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        keyValue(entry.getKey(), entry.getValue());
      }
      out.writeEndArray();
      out.writeEndObject();
    } else {
      out.writeStringField("stringValue", value.asText());
    }
    out.writeEndObject();
  }

  private static String nanos(long micros) {
    return Long.toString(Math.multiplyExact(micros, 1000L));
  }
}
