package dev.assay.datasets;

/**
 * Which datasets a listing shows; every null field matches everything.
 *
 * @param spaceId only datasets of this space
 * @param spaceNameContains only datasets in spaces whose name contains this, ignoring case
 * @param nameContains only datasets whose name contains this, ignoring case
 */
public record DatasetFilter(String spaceId, String spaceNameContains, String nameContains) {
  public static final DatasetFilter ALL = new DatasetFilter(null, null, null);
}
