package dev.assay.auth;

/**
 * Which API keys to list; null fields do not filter.
 *
 * @param spaceId only keys whose user is a member of that space (in practice: service keys granted it)
 */
public record ApiKeyFilter(ApiKey.Type type, ApiKey.Status status, String spaceId, String userId) {
  public static ApiKeyFilter all() {
    return new ApiKeyFilter(null, null, null, null);
  }
}
