package dev.assay.datasets;

import java.time.Instant;

/**
 * A span selection to turn into examples: spans of {@code projectRef} starting in {@code [start, end)} that match
 * {@code filter} (the filter language; null for all), newest first, at most {@code limit}.
 *
 * @param name a new dataset's name (exactly one of {@code name} and {@code datasetRef})
 * @param datasetRef an existing dataset (id or name) to append to
 * @param inputPath a JSONPath into the span's parsed {@code input.value} selecting the input, or null for all of it
 * @param outputPath the same for {@code output.value}
 */
public record FromSpans(String projectRef, String filter, Instant start, Instant end, int limit, String name,
    String description, String datasetRef, String spaceRef, String inputPath, String outputPath) {
  public static final int MAX_LIMIT = 10_000;
}
