package dev.assay.cli.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One named way to reach a server: a {@code [profiles.NAME]} table in config.toml.
 *
 * @param url the server, e.g. {@code http://127.0.0.1:6006}
 * @param apiKey sent as a bearer token; null when the server needs none
 * @param space the space that project commands use when {@code --space} is not given; null for {@code default}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(String url, String apiKey, String space) {

  /** The API key for display: never whole, at most its last four characters. */
  public static String mask(String apiKey) {
    if (apiKey == null || apiKey.isEmpty()) {
      return "";
    }
    return apiKey.length() < 12 ? "****" : "****" + apiKey.substring(apiKey.length() - 4);
  }
}
