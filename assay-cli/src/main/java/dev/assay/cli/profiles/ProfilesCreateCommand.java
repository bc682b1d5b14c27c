package dev.assay.cli.profiles;

import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a profile. The first profile becomes the active one; --use makes any new one active.")
public final class ProfilesCreateCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Mixin OutputOptions output;

  @Parameters(paramLabel = "NAME", description = "Profile name: letters, digits, '-' and '_'.")
  String name;

  @Option(names = "--url", paramLabel = "URL", required = true, description = "The Assay server, e.g. http://127.0.0.1:6006.")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY", description = "API key sent as a bearer token (stored in config.toml, "
      + "mode 0600). Prefer ASSAY_API_KEY where a shell history is shared.")
  String apiKey;

  @Option(names = "--space", paramLabel = "SPACE", description = "Default space for project commands (name or id).")
  String space;

  @Option(names = "--use", description = "Make it the active profile.")
  boolean use;

  ProfilesCreateCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ProfileStore.requireValidName(name);
    String normalisedUrl = Connection.parseUrl(url.strip()).toString().replaceAll("/+$", "");
    ProfileStore store = new ProfileStore(env.configDir());
    ProfilesFile file = store.load();
    if (file.profiles().containsKey(name)) {
      throw CliException.failure("profile '" + name + "' already exists in " + store.file()
          + "; delete it first with `assay profiles delete " + name + " --force`");
    }
    Profile profile = new Profile(normalisedUrl, blankToNull(apiKey), blankToNull(space));
    ProfilesFile updated = file.with(name, profile);
    boolean active = use || file.active() == null || !file.profiles().containsKey(file.active());
    if (active) {
      updated = updated.withActive(name);
    }
    store.save(updated);
    output.output().item(ProfilesCommand.row(name, profile, active), ProfilesCommand.COLUMNS);
    return ExitCodes.OK;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
