package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create-version", mixinStandardHelpOptions = true,
    description = {"Add a version to an evaluator: the whole new spec, with the same options as create (versions are "
        + "immutable; earlier results keep pointing at the version that made them).",
        "The result name stays the previous version's unless --result-name is given."})
public final class EvaluatorsCreateVersionCommand implements Callable<Integer> {
  @Spec CommandSpec commandSpec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin SpecOptions specOptions;

  @Parameters(paramLabel = "EVALUATOR", description = "Evaluator name or id.")
  String evaluator;

  @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Commit message: what changed and why.")
  String message;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    String spaceRef = client.space(space);
    try (ApiClient api = client.client()) {
      JsonNode found = api.get(EvaluatorsCommand.path(evaluator), client.spaceQuery(space));
      String resultName = found.at("/version/spec/name").asText(found.path("name").asText(evaluator));
      ObjectNode spec = specOptions.spec(api, client.environment(), resultName, spaceRef);
      EvaluatorsCreateCommand.warnWithoutModel(commandSpec.commandLine().getErr(), spec);
      ObjectNode body = ApiClient.object()
          .put("commit_message", message != null ? message : "new version from assay evaluators create-version");
      body.set("spec", spec);
      JsonNode created = api.post(EvaluatorsCommand.path(found.path("id").asText()) + "/versions", Map.of(), body);
      Output out = output.output();
      boolean whole = out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL;
      out.item(whole ? created : EvaluatorsCommand.versionRow(created), EvaluatorsCommand.VERSION_COLUMNS);
    }
    return ExitCodes.OK;
  }
}
