package dev.assay.traces;

import java.util.List;

/**
 * What a span delete did, as AX's {@code DeleteSpansResponse} reports it: every requested id is in exactly
 * one list, each in request order without repeats.
 */
public record SpanDeletion(List<String> deletedSpanIds, List<String> notDeletedSpanIds) {
  public SpanDeletion {
    deletedSpanIds = List.copyOf(deletedSpanIds);
    notDeletedSpanIds = List.copyOf(notDeletedSpanIds);
  }
}
