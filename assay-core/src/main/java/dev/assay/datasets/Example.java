package dev.assay.datasets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset example as one version holds it (Phoenix's shape). The id is stable across versions: an update
 * writes a new revision under the same id; AX's flat, free-form example is a view of these fields.
 *
 * @param input what the task under test receives (an object; a plain value is kept as {@code {"input": v}})
 * @param output the expected output, the evaluators' {@code reference} (empty when none)
 * @param metadata free-form
 * @param splits the splits the example belongs to (e.g. {@code train}, {@code test}); empty when none
 * @param sourceSpanId the span the example was made from, or null
 * @param sourceTraceId that span's trace, or null
 */
public record Example(String id, String datasetId, Map<String, Object> input, Map<String, Object> output,
    Map<String, Object> metadata, List<String> splits, String sourceSpanId, String sourceTraceId,
    Instant createdAt, Instant updatedAt) {
  public Example {
    Objects.requireNonNull(id, "id");
    input = input == null ? Map.of() : input;
    output = output == null ? Map.of() : output;
    metadata = metadata == null ? Map.of() : metadata;
    splits = splits == null ? List.of() : List.copyOf(splits);
  }
}
