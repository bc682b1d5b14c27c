package dev.assay.eval;

/**
 * Which evaluators a list returns; null fields do not filter.
 *
 * @param spaceId only this space (a store id)
 * @param spaceNameContains only spaces whose name contains this, ignoring case
 * @param nameContains only evaluators whose name contains this, ignoring case
 */
public record EvaluatorFilter(String spaceId, String spaceNameContains, String nameContains) {
  public static final EvaluatorFilter ALL = new EvaluatorFilter(null, null, null);
}
