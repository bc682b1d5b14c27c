package dev.assay.traces;

import java.util.Objects;

/**
 * One stored span: typed fields for what is filtered and aggregated, plus the full flattened
 * attribute map and the events as JSON text (parsed only when a caller needs them).
 *
 * <p>Times are epoch microseconds (UTC); ids are lowercase hex as in OTLP/JSON. Nullable fields are
 * null when the span did not carry them.
 *
 * @param spanKind the OpenInference span kind ({@code LLM}, {@code CHAIN}, … or {@code UNKNOWN})
 * @param statusCode {@code UNSET}, {@code OK} or {@code ERROR}
 * @param attributesJson the flattened attribute map as a JSON object
 * @param eventsJson the span events (exceptions among them) as a JSON array
 */
public record Span(
    String projectId,
    String traceId,
    String spanId,
    String parentId,
    String name,
    String spanKind,
    long startTime,
    long endTime,
    String statusCode,
    String statusMessage,
    String inputValue,
    String inputMimeType,
    String outputValue,
    String outputMimeType,
    String modelName,
    String modelProvider,
    Long promptTokens,
    Long completionTokens,
    Long totalTokens,
    Double costTotal,
    String sessionId,
    String userId,
    String attributesJson,
    String eventsJson) {

  public Span {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spanKind, "spanKind");
    Objects.requireNonNull(statusCode, "statusCode");
    if (endTime < startTime) {
      throw new IllegalArgumentException("span " + spanId + " ends before it starts");
    }
    attributesJson = attributesJson == null ? "{}" : attributesJson;
    eventsJson = eventsJson == null ? "[]" : eventsJson;
  }

  /** Duration in milliseconds (microsecond precision). */
  public double latencyMs() {
    return (endTime - startTime) / 1000.0;
  }

  public boolean isError() {
    return "ERROR".equals(statusCode);
  }

  public boolean isRoot() {
    return parentId == null || parentId.isEmpty();
  }
}
