package dev.assay.cli.profiles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assay profiles}: named server connections in config.toml. */
@Command(
    name = "profiles",
    mixinStandardHelpOptions = true,
    description = {"Manage profiles: named server URLs, API keys and default spaces, kept in ~/.assay/config.toml "
        + "(or $ASSAY_CONFIG_HOME/config.toml), owner-readable only.",
        "Which server a command uses: --url, else ASSAY_URL, else --profile NAME, else the active profile, else "
            + "http://127.0.0.1:6006. The API key: ASSAY_API_KEY, else the profile's key when its URL is the one in use."},
    subcommands = {ProfilesCreateCommand.class, ProfilesListCommand.class, ProfilesUseCommand.class,
        ProfilesShowCommand.class, ProfilesDeleteCommand.class})
public final class ProfilesCommand {
  static final List<String> COLUMNS = List.of("name", "active", "url", "space", "api_key");

  /** A profile as printed: the API key masked, never whole. */
  static ObjectNode row(String name, Profile profile, boolean active) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("name", name);
    row.put("active", active);
    row.put("url", profile.url());
    row.put("space", profile.space());
    row.put("api_key", Profile.mask(profile.apiKey()));
    return row;
  }
}
