package dev.assay.projects;

/**
 * Which projects a list returns; every null field matches everything.
 *
 * @param spaceId only projects in this space
 * @param spaceNameContains only projects in spaces whose name contains this, ignoring case
 * @param nameContains only projects whose name contains this, ignoring case
 */
public record ProjectFilter(String spaceId, String spaceNameContains, String nameContains) {
  public static final ProjectFilter ALL = new ProjectFilter(null, null, null);

  public static ProjectFilter inSpace(String spaceId) {
    return new ProjectFilter(spaceId, null, null);
  }
}
