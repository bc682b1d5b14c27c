package dev.assay.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.assay.eval.Evaluation;
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
 * keys ({@link GenAiAttributes}). Also: agent name, tags, metadata, token details, cost ({@code llm.cost.*},
 * else {@link ModelPrices}), previews of long values ({@link SpanPreview}) and inline feedback
 * ({@link InlineFeedback}).
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
    return map(projectId, span, new ArrayList<>());
  }

  /**
   * The span as stored in the project, noting what of it was not stored (skipped inline feedback).
   *
   * @param notes receives one line per skipped inline feedback entry
   * @throws IllegalArgumentException when {@link #rejection} would reject the span
   */
  public static Span map(String projectId, io.opentelemetry.proto.trace.v1.Span span, List<String> notes) {
    return map(projectId, span, notes, SpanLimits.defaults());
  }

  /**
   * The span as stored in the project, cut to {@code limits} (what was cut is marked on the span and noted).
   *
   * @param notes receives one line per skipped inline feedback entry and per span that was cut
   * @throws IllegalArgumentException when {@link #rejection} would reject the span
   */
  public static Span map(String projectId, io.opentelemetry.proto.trace.v1.Span span, List<String> notes, SpanLimits limits) {
    String reason = rejection(span);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    Map<String, Object> attributes = OtlpAttributes.flatten(span.getAttributesList());
    List<String> truncated = new ArrayList<>();
    int droppedAttributes = limits.apply(attributes, "", SpanLimits.MAX_ATTRIBUTES, truncated);
    String name = cut(limits, OtlpAttributes.clean(span.getName()), "span.name", truncated);
    String statusMessage = span.getStatus().getMessage().isEmpty() ? null
        : cut(limits, OtlpAttributes.clean(span.getStatus().getMessage()), "span.status_message", truncated);
    List<Map<String, Object>> events = events(span, limits, truncated);
    int droppedEvents = span.getEventsCount() - events.size();
    mark(attributes, truncated, droppedAttributes, droppedEvents);
    if (!truncated.isEmpty() || droppedAttributes > 0 || droppedEvents > 0) {
      notes.add("span " + HEX.formatHex(span.getSpanId().toByteArray()) + " cut to the limits: " + truncated.size()
          + " values truncated to " + limits.maxAttributeBytes() + " bytes, " + droppedAttributes + " attributes and "
          + droppedEvents + " events dropped");
    }
    GenAiAttributes.addOpenInferenceKeys(attributes);
    String traceId = HEX.formatHex(span.getTraceId().toByteArray());
    String spanId = HEX.formatHex(span.getSpanId().toByteArray());
    String sessionId = text(attributes.get("session.id"));
    String modelName = text(attributes.get("llm.model_name"));
    String provider = text(attributes.get("llm.provider"));
    Long promptTokens = asLong(attributes.get("llm.token_count.prompt"));
    Long completionTokens = asLong(attributes.get("llm.token_count.completion"));
    Span.TokenDetails details = new Span.TokenDetails(
        asLong(attributes.get("llm.token_count.prompt_details.cache_read")),
        asLong(attributes.get("llm.token_count.prompt_details.cache_write")),
        asLong(attributes.get("llm.token_count.prompt_details.audio")),
        asLong(attributes.get("llm.token_count.completion_details.reasoning")),
        asLong(attributes.get("llm.token_count.completion_details.audio")));
    ModelPrices.Cost cost = cost(attributes, modelName, provider, promptTokens, completionTokens, details);
    List<Evaluation> feedback = InlineFeedback.extract(projectId, traceId, spanId, sessionId, attributes, notes);
    String tags = tags(attributes.get("tag.tags"));
    String metadata = metadata(attributes);
    // Last, after every typed field read whole values: cut the long ones for the preview.
    Map<String, Object> large = SpanPreview.cutLongValues(attributes);
    // input.value and output.value stay whole in their own columns; large_attributes need not hold them twice.
    Map<String, Object> largeStored = new java.util.LinkedHashMap<>(large);
    largeStored.remove("input.value");
    largeStored.remove("output.value");
    return new Span(
        projectId,
        traceId,
        spanId,
        span.getParentSpanId().isEmpty() ? null : HEX.formatHex(span.getParentSpanId().toByteArray()),
        name,
        kind(attributes.get(SPAN_KIND)),
        micros(span.getStartTimeUnixNano()),
        micros(span.getEndTimeUnixNano()),
        statusCode(span.getStatus()),
        statusMessage,
        large.containsKey("input.value") ? (String) large.get("input.value") : text(attributes.get("input.value")),
        text(attributes.get("input.mime_type")),
        large.containsKey("output.value") ? (String) large.get("output.value") : text(attributes.get("output.value")),
        text(attributes.get("output.mime_type")),
        modelName,
        provider,
        promptTokens,
        completionTokens,
        asLong(attributes.get("llm.token_count.total")),
        cost == null ? null : cost.total(),
        sessionId,
        text(attributes.get("user.id")),
        json(attributes),
        json(events),
        text(attributes.get("agent.name")),
        tags,
        metadata,
        details,
        cost == null ? null : cost.prompt(),
        cost == null ? null : cost.completion(),
        largeStored.isEmpty() ? null : json(largeStored),
        List.copyOf(large.keySet()),
        feedback);
  }

  /**
   * The span's {@code llm.cost.*} when it carries any (a missing total is the sum of prompt and completion);
   * else the price table's figure for its model and tokens; null when neither knows.
   */
  private static ModelPrices.Cost cost(Map<String, Object> attributes, String model, String provider, Long promptTokens,
      Long completionTokens, Span.TokenDetails details) {
    Double prompt = asDouble(attributes.get("llm.cost.prompt"));
    Double completion = asDouble(attributes.get("llm.cost.completion"));
    Double total = asDouble(attributes.get("llm.cost.total"));
    if (prompt != null || completion != null || total != null) {
      if (total == null && prompt != null && completion != null) {
        total = prompt + completion;
      }
      return new ModelPrices.Cost(prompt, completion, total);
    }
    return ModelPrices.standard().cost(model, provider, promptTokens, completionTokens, details);
  }

  /** {@code tag.tags} (a string list; a single string counts as one tag) as a JSON array, null when none. */
  private static String tags(Object value) {
    List<String> tags = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        String tag = text(item);
        if (tag != null && !tag.isBlank()) {
          tags.add(tag);
        }
      }
    } else if (text(value) != null && !text(value).isBlank()) {
      tags.add(text(value));
    }
    return tags.isEmpty() ? null : json(tags);
  }

  /**
   * The span's metadata as a JSON object: the {@code metadata} attribute when it is JSON object text, with the
   * flattened {@code metadata.*} keys (an OTLP key-value list, or keys set one by one) added as flat keys;
   * other {@code metadata} text is kept as {@code {"value": text}}. Null when the span has none.
   */
  private static String metadata(Map<String, Object> attributes) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (attributes.get("metadata") instanceof String s && !s.isBlank()) {
      try {
        JsonNode node = JSON.readTree(s);
        if (node.isObject()) {
          node.properties().forEach(e -> metadata.put(e.getKey(), e.getValue()));
        } else {
          metadata.put("value", s);
        }
      } catch (JsonProcessingException e) {
        metadata.put("value", s);
      }
    }
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (e.getKey().startsWith("metadata.")) {
        metadata.putIfAbsent(e.getKey().substring("metadata.".length()), e.getValue());
      }
    }
    return metadata.isEmpty() ? null : json(metadata);
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

  /** The first {@link SpanLimits#MAX_EVENTS} events, their names and attribute values cut to the limits. */
  private static List<Map<String, Object>> events(io.opentelemetry.proto.trace.v1.Span span, SpanLimits limits,
      List<String> truncated) {
    int count = Math.min(span.getEventsCount(), SpanLimits.MAX_EVENTS);
    List<Map<String, Object>> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      io.opentelemetry.proto.trace.v1.Span.Event event = span.getEvents(i);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", cut(limits, OtlpAttributes.clean(event.getName()), "event." + i + ".name", truncated));
      e.put("timestamp", micros(event.getTimeUnixNano()));
      Map<String, Object> attributes = OtlpAttributes.flatten(event.getAttributesList());
      limits.apply(attributes, "event." + i + ".", SpanLimits.MAX_EVENT_ATTRIBUTES, truncated);
      e.put("attributes", attributes);
      events.add(e);
    }
    return events;
  }

  private static String cut(SpanLimits limits, String text, String what, List<String> truncated) {
    String cut = limits.truncate(text);
    if (cut != null && cut.length() != text.length()) {
      truncated.add(what);
    }
    return cut;
  }

  /** Marks a span that was cut, so a reader knows a value is not whole (at most 100 keys listed). */
  private static void mark(Map<String, Object> attributes, List<String> truncated, int droppedAttributes, int droppedEvents) {
    if (!truncated.isEmpty()) {
      attributes.put(SpanLimits.TRUNCATED, List.copyOf(truncated.subList(0, Math.min(truncated.size(), 100))));
    }
    if (droppedAttributes > 0) {
      attributes.put(SpanLimits.DROPPED_ATTRIBUTES, (long) droppedAttributes);
    }
    if (droppedEvents > 0) {
      attributes.put(SpanLimits.DROPPED_EVENTS, (long) droppedEvents);
    }
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
