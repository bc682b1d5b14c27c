package dev.assay.datasets;

import java.util.List;
import java.util.Map;

/**
 * An example to write: a new one ({@code id} null, or a caller-chosen stable id on upload) or a new revision
 * of an existing one (its id). Null maps mean empty.
 */
public record ExampleDraft(String id, Map<String, Object> input, Map<String, Object> output,
    Map<String, Object> metadata, List<String> splits, String sourceSpanId, String sourceTraceId) {
  public ExampleDraft {
    input = input == null ? Map.of() : input;
    output = output == null ? Map.of() : output;
    metadata = metadata == null ? Map.of() : metadata;
    splits = splits == null ? List.of() : List.copyOf(splits);
  }

  public static ExampleDraft of(Map<String, Object> input, Map<String, Object> output) {
    return new ExampleDraft(null, input, output, Map.of(), List.of(), null, null);
  }
}
