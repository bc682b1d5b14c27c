package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create an evaluator with its first version. Try the same options with `assay evaluators test` first.",
        "Judge:   assay evaluators create halluc --template hallucination --model judge/gpt-4o-mini --map context=attributes.retrieval.text",
        "Code:    assay evaluators create exact --kind code --check EXACT_MATCH --var output --var reference",
        "Any:     assay evaluators create custom --spec-file spec.json"})
public final class EvaluatorsCreateCommand implements Callable<Integer> {
  @Spec CommandSpec commandSpec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin SpecOptions specOptions;

  @Parameters(paramLabel = "NAME", description = "The evaluator's name (unique per space).")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "What it checks, for people browsing the list.")
  String description;

  @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Commit message of the first version.")
  String message;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to create it in (name or id; default: the "
      + "profile's space, else the default space). Model configs are looked up there too.")
  String space;

  @Override
  public Integer call() {
    String spaceRef = client.space(space);
    try (ApiClient api = client.client()) {
      ObjectNode spec = specOptions.spec(api, client.environment(), name, spaceRef);
      warnWithoutModel(commandSpec.commandLine().getErr(), spec);
      ObjectNode body = ApiClient.object().put("name", name);
      if (description != null) {
        body.put("description", description);
      }
      if (spaceRef != null) {
        body.put("space_id", spaceRef);
      }
      body.put("type", SpecOptions.type(spec));
      ObjectNode version = body.putObject("version");
      version.put("commit_message", message != null ? message : "created with assay evaluators create");
      version.set("spec", spec);
      JsonNode created = api.post("/v2/evaluators", body);
      EvaluatorsGetCommand.print(output.output(), created);
    }
    return ExitCodes.OK;
  }

  /** A judge without a model is a valid draft, but every run of it fails: say so now rather than at run time. */
  static void warnWithoutModel(PrintWriter err, JsonNode spec) {
    if (spec.path("kind").asText().equals("LLM_JUDGE") && spec.path("model").isMissingNode()) {
      err.println("note: this judge has no model yet, so it cannot run; add --model CONFIG/MODEL (see `assay models list`)");
      err.flush();
    }
  }
}
