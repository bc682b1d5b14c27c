package dev.assay.cli.profiles;

import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.config.ConfigKey;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the CLI sends requests and with which key, resolved once per command. Precedence, highest first:
 * the {@code --url} flag; {@code ASSAY_URL} / {@code ASSAY_API_KEY}; the profile named by {@code --profile},
 * else the active profile; the default {@code http://127.0.0.1:6006} without a key.
 *
 * <p>A profile's API key belongs to that profile's server: it is sent only when the URL is the profile's
 * own, so {@code --url} or {@code ASSAY_URL} pointing elsewhere never receives it ({@code ASSAY_API_KEY}
 * still applies there).
 *
 * @param url the server
 * @param apiKey the bearer token, or null
 * @param space the profile's default space, or null
 * @param profile the name of the profile that was read, or null when none was
 */
public record Connection(URI url, String apiKey, String space, String profile) {

  /**
   * @param profileFlag {@code --profile}, or null for the active profile
   * @param urlFlag {@code --url}, or null
   * @throws CliException exit 3 when {@code --profile} names no profile, 2 for a bad URL, 1 for a bad file
   */
  public static Connection resolve(CliEnvironment env, String profileFlag, String urlFlag) {
    String profileName = profileFlag;
    Profile profile = null;
    ProfileStore store = new ProfileStore(env.configDir());
    ProfilesFile file = store.load();
    if (profileName != null) {
      profile = ProfileStore.require(file, profileName, store.file());
    } else if (file.active() != null) {
      profileName = file.active();
      profile = file.profiles().get(profileName);
    }

    String url = first(urlFlag, env.get(ConfigKey.URL), profile == null ? null : profile.url(),
        ConfigKey.URL.defaultValue());
    String profileKey = profile != null && url.equals(profile.url()) ? profile.apiKey() : null;
    String apiKey = first(env.get(ConfigKey.API_KEY), profileKey);
    return new Connection(parseUrl(url), apiKey, profile == null ? null : profile.space(),
        profile == null ? null : profileName);
  }

  /** An http(s) URL with a host; exit 2 otherwise. */
  public static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw CliException.usage("bad server URL '" + url + "': expected http://HOST:PORT or https://HOST");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CliException.usage("bad server URL '" + url + "': " + e.getReason());
    }
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
