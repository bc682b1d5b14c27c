package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.Confirmation;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete an evaluator and its versions. Results it already wrote are kept.",
        "Asks for confirmation at a terminal; elsewhere (scripts, agents) it refuses with exit 2 unless --force is given."})
public final class EvaluatorsDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "EVALUATOR", description = "Evaluator name or id.")
  String evaluator;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Override
  public Integer call() {
    Confirmation.requireForceOrTerminal(client.environment(), force, "delete evaluator '" + evaluator + "'");
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> query = EvaluatorsCommand.spaceQuery(client.space(space));
    try (ApiClient api = client.client()) {
      // Resolved first: a missing evaluator fails with 3 before anyone is asked, and the question names its id.
      JsonNode found = api.get(EvaluatorsCommand.path(evaluator), query);
      String id = found.path("id").asText(evaluator);
      if (!force) {
        Confirmation.ask(client.environment(), err, "delete evaluator '" + found.path("name").asText(evaluator) + "' (" + id + ")");
      }
      api.delete(EvaluatorsCommand.path(id), query);
    }
    err.println("Deleted evaluator '" + evaluator + "'.");
    err.flush();
    return ExitCodes.OK;
  }
}
