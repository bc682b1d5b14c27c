package dev.assay.cli.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List profiles; API keys are masked.")
public final class ProfilesListCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Mixin OutputOptions output;

  ProfilesListCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ProfilesFile file = new ProfileStore(env.configDir()).load();
    List<JsonNode> rows = file.profiles().entrySet().stream()
        .map(e -> (JsonNode) ProfilesCommand.row(e.getKey(), e.getValue(), e.getKey().equals(file.active())))
        .toList();
    output.output().list(rows, ProfilesCommand.COLUMNS);
    return ExitCodes.OK;
  }
}
