package dev.assay.cli.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code config.toml}: the active profile's name and the profiles by name, e.g.
 *
 * <pre>
 * active = "local"
 *
 * [profiles.local]
 * url = "http://127.0.0.1:6006"
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfilesFile(String active, Map<String, Profile> profiles) {
  public static final ProfilesFile EMPTY = new ProfilesFile(null, Map.of());

  public ProfilesFile {
    profiles = profiles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
  }

  public ProfilesFile with(String name, Profile profile) {
    Map<String, Profile> copy = new LinkedHashMap<>(profiles);
    copy.put(name, profile);
    return new ProfilesFile(active, copy);
  }

  public ProfilesFile without(String name) {
    Map<String, Profile> copy = new LinkedHashMap<>(profiles);
    copy.remove(name);
    return new ProfilesFile(name.equals(active) ? null : active, copy);
  }

  public ProfilesFile withActive(String name) {
    return new ProfilesFile(name, profiles);
  }
}
