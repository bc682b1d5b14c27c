package dev.assay.traces;

import dev.assay.eval.Evaluation;
import java.util.List;
import java.util.Objects;

/**
 * One stored span: typed fields for what is filtered and aggregated, plus the full flattened
 * attribute map and the events as JSON text (parsed only when a caller needs them).
 *
 * <p>Times are epoch microseconds (UTC); ids are lowercase hex as in OTLP/JSON. Nullable fields are
 * null when the span did not carry them. {@code inputValue}/{@code outputValue} are whole except on
 * list reads, which cut them to the preview length too.
 *
 * <p>Previews ({@link SpanPreview}): a span as the mapper makes it and as list reads return it holds, in
 * {@code attributesJson}, string values cut to {@link SpanPreview#MAX_CHARS}; {@code truncatedKeys} names
 * those keys. The mapper also carries the whole values in {@code largeAttributesJson} for the writer; a
 * span read whole ({@link SpanStore#find}) has them merged back, no large attributes and no truncated keys.
 *
 * @param spanKind the OpenInference span kind ({@code LLM}, {@code CHAIN}, … or {@code UNKNOWN})
 * @param statusCode {@code UNSET}, {@code OK} or {@code ERROR}
 * @param attributesJson the flattened attribute map as a JSON object
 * @param eventsJson the span events (exceptions among them) as a JSON array
 * @param agentName {@code agent.name} (or {@code gen_ai.agent.name})
 * @param tagsJson {@code tag.tags} as a JSON array of strings, null when the span has no tags
 * @param metadataJson the {@code metadata} attribute as a JSON object, null when absent
 * @param tokenDetails the prompt and completion token details, {@link TokenDetails#NONE} when absent
 * @param costTotal USD ({@code llm.cost.total}, else the sum of the parts, else from the price table)
 * @param costPrompt USD for the prompt tokens ({@code llm.cost.prompt}, else from the price table)
 * @param costCompletion USD for the completion tokens ({@code llm.cost.completion}, else from the price table)
 * @param largeAttributesJson a JSON object with the whole values of the cut keys; only set on spans on their
 *     way to the store, null on spans read back
 * @param truncatedKeys the attribute keys whose values {@code attributesJson} holds cut (empty when whole)
 * @param inlineFeedback results carried inline by the span ({@code annotations.N.annotation.*} and
 *     kin), stored by the span writer in the span's transaction; always empty on spans read back
 *     (read them through {@code EvaluationStore})
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
    String eventsJson,
    String agentName,
    String tagsJson,
    String metadataJson,
    TokenDetails tokenDetails,
    Double costPrompt,
    Double costCompletion,
    String largeAttributesJson,
    List<String> truncatedKeys,
    List<Evaluation> inlineFeedback) {

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
    tokenDetails = tokenDetails == null ? TokenDetails.NONE : tokenDetails;
    truncatedKeys = truncatedKeys == null ? List.of() : List.copyOf(truncatedKeys);
    inlineFeedback = inlineFeedback == null ? List.of() : List.copyOf(inlineFeedback);
  }

  /**
   * A span without the fields added by the span model enrichment (agent, tags, metadata, token details,
   * prompt/completion cost, previews, inline feedback): the shape tests and benchmarks build by hand.
   */
  public Span(String projectId, String traceId, String spanId, String parentId, String name, String spanKind,
      long startTime, long endTime, String statusCode, String statusMessage, String inputValue, String inputMimeType,
      String outputValue, String outputMimeType, String modelName, String modelProvider, Long promptTokens,
      Long completionTokens, Long totalTokens, Double costTotal, String sessionId, String userId, String attributesJson,
      String eventsJson) {
    this(projectId, traceId, spanId, parentId, name, spanKind, startTime, endTime, statusCode, statusMessage, inputValue,
        inputMimeType, outputValue, outputMimeType, modelName, modelProvider, promptTokens, completionTokens, totalTokens,
        costTotal, sessionId, userId, attributesJson, eventsJson, null, null, null, TokenDetails.NONE, null, null, null,
        List.of(), List.of());
  }

  /**
   * Token counts broken down ({@code llm.token_count.prompt_details.*} and
   * {@code llm.token_count.completion_details.*}); each null when the span did not say.
   */
  public record TokenDetails(Long promptCacheRead, Long promptCacheWrite, Long promptAudio, Long completionReasoning,
      Long completionAudio) {
    public static final TokenDetails NONE = new TokenDetails(null, null, null, null, null);
  }

  /** True when this span holds some attribute values cut to the preview length. */
  public boolean isPreview() {
    return !truncatedKeys.isEmpty();
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
