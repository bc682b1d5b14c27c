package dev.assay.cli.prompts;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ConfirmedDelete;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete a prompt with all its versions and labels.",
        "Asks for confirmation at a terminal; elsewhere (scripts, agents) it refuses with exit 2 unless --force is given."})
public final class PromptsDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Override
  public Integer call() {
    var query = client.spaceQuery(space);
    return ConfirmedDelete.run(client, spec.commandLine().getErr(), force, "prompt", prompt,
        (api, ref) -> api.get(PromptsCommand.path(ref), query), PromptsCommand::path, query);
  }
}
