package dev.assay.auth;

import java.util.List;

/**
 * A new (or refreshed) API key and its secret ({@code ak-…}), shown once; only its hash is stored and
 * {@link #toString()} never prints it.
 *
 * @param serviceUser the service account behind a SERVICE key, null for a USER key
 * @param serviceMemberships the service account's space roles, empty for a USER key
 */
public record CreatedApiKey(ApiKey key, String secret, User serviceUser, List<Membership> serviceMemberships) {
  public CreatedApiKey {
    serviceMemberships = serviceMemberships == null ? List.of() : List.copyOf(serviceMemberships);
  }

  @Override
  public String toString() {
    return "CreatedApiKey[key=" + key + ", secret=***, serviceUser=" + serviceUser + "]";
  }
}
