package dev.assay.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one OTLP span into a stored {@link Span}: hex ids, microsecond times, the OpenInference span
 * kind, status, the typed OpenInference fields (input/output, model, tokens, cost, session, user) and
 * the flattened attribute map and events as JSON. {@code gen_ai.*} keys fill in missing OpenInference
 * keys ({@link GenAiAttributes}).
 *
 * <p>Call {@link #rejection} first: {@link #map} accepts only spans it found valid.
 */
public final class OtlpSpanMapper {
  /** The attribute naming the OpenInference span kind. */
  public static final String SPAN_KIND = "openinference.span.kind";
  private static final Set<String> KINDS =
      Set.of("LLM", "EMBEDDING", "CHAIN", "RETRIEVER", "RERANKER", "TOOL", "AGENT", "GUARDRAIL", "EVALUATOR", "PROMPT");
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper JSON = new ObjectMapper();

  private OtlpSpanMapper() {}

  /**
   * Why the span cannot be stored, or null when it can: a trace id must be 16 bytes and a span id 8,
   * neither all zero; a parent id, when present, 8 bytes; the end may not precede the start.
   */
  public static String rejection(io.opentelemetry.proto.trace.v1.Span span) {
    if (!validId(span.getTraceId(), 16)) {
      return "span " + describe(span) + ": invalid trace_id (must be 16 bytes, not all zero)";
    }
    if (!validId(span.getSpanId(), 8)) {
      return "span " + describe(span) + ": invalid span_id (must be 8 bytes, not all zero)";
    }
    if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
      return "span " + describe(span) + ": invalid parent_span_id (must be empty or 8 bytes)";
    }
    if (Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) < 0) {
      return "span " + describe(span) + ": end_time_unix_nano is before start_time_unix_nano";
    }
    return null;
  }

  /**
   * The span as stored in the project.
   *
   * @throws IllegalArgumentException when {@link #rejection} would reject the span
   */
  public static Span map(String projectId, io.opentelemetry.proto.trace.v1.Span span) {
    String reason = rejection(span);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    Map<String, Object> attributes = OtlpAttributes.flatten(span.getAttributesList());
    GenAiAttributes.addOpenInferenceKeys(attributes);
    return new Span(
        projectId,
        HEX.formatHex(span.getTraceId().toByteArray()),
        HEX.formatHex(span.getSpanId().toByteArray()),
        span.getParentSpanId().isEmpty() ? null : HEX.formatHex(span.getParentSpanId().toByteArray()),
        OtlpAttributes.clean(span.getName()),
        kind(attributes.get(SPAN_KIND)),
        micros(span.getStartTimeUnixNano()),
        micros(span.getEndTimeUnixNano()),
        statusCode(span.getStatus()),
        span.getStatus().getMessage().isEmpty() ? null : OtlpAttributes.clean(span.getStatus().getMessage()),
        text(attributes.get("input.value")),
        text(attributes.get("input.mime_type")),
        text(attributes.get("output.value")),
        text(attributes.get("output.mime_type")),
        text(attributes.get("llm.model_name")),
        text(attributes.get("llm.provider")),
        asLong(attributes.get("llm.token_count.prompt")),
        asLong(attributes.get("llm.token_count.completion")),
        asLong(attributes.get("llm.token_count.total")),
        asDouble(attributes.get("llm.cost.total")),
        text(attributes.get("session.id")),
        text(attributes.get("user.id")),
        json(attributes),
        json(events(span)));
  }

  /** A whole number from an attribute value (integer, integral double or numeric text); null otherwise. */
  static Long asLong(Object value) {
    return switch (value) {
      case Long l -> l;
      case Double d when d == Math.rint(d) && !d.isInfinite() -> d.longValue();
      case String s -> {
        try {
          yield Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          yield null;
        }
      }
      case null, default -> null;
    };
  }

  private static Double asDouble(Object value) {
    return switch (value) {
      case Double d when Double.isFinite(d) -> d;
      case Long l -> l.doubleValue();
      case String s -> {
        try {
          double d = Double.parseDouble(s.strip());
          yield Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
          yield null;
        }
      }
      case null, default -> null;
    };
  }

  private static String text(Object value) {
    return value == null || value instanceof List<?> || value instanceof Map<?, ?> ? null : value.toString();
  }

  private static String kind(Object value) {
    String kind = value instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : null;
    return kind != null && KINDS.contains(kind) ? kind : "UNKNOWN";
  }

  private static String statusCode(Status status) {
    return switch (status.getCode()) {
      case STATUS_CODE_OK -> "OK";
      case STATUS_CODE_ERROR -> "ERROR";
      default -> "UNSET";
    };
  }

  private static List<Map<String, Object>> events(io.opentelemetry.proto.trace.v1.Span span) {
    List<Map<String, Object>> events = new ArrayList<>(span.getEventsCount());
    for (io.opentelemetry.proto.trace.v1.Span.Event event : span.getEventsList()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", OtlpAttributes.clean(event.getName()));
      e.put("timestamp", micros(event.getTimeUnixNano()));
      e.put("attributes", OtlpAttributes.flatten(event.getAttributesList()));
      events.add(e);
    }
    return events;
  }

  private static long micros(long unsignedNanos) {
    return Long.divideUnsigned(unsignedNanos, 1000);
  }

  private static boolean validId(ByteString id, int length) {
    if (id.size() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }

  private static String describe(io.opentelemetry.proto.trace.v1.Span span) {
    String name = OtlpAttributes.clean(span.getName());
    return span.getSpanId().size() == 8 ? HEX.formatHex(span.getSpanId().toByteArray()) + " (" + name + ")" : "'" + name + "'";
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("attribute values are plain JSON values", e);
    }
  }
}
