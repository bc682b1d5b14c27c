package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Render a version and call a model once (the playground). Prints the answer; model, tokens and "
        + "latency go to stderr. A missing variable is exit 2 and nothing is sent.",
        "assay prompts run support --model-config openai --var question='Where is my order?'"})
public final class PromptsRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin VersionSelector selector;
  @Mixin VariableOptions variables;

  @Parameters(paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Option(names = "--model-config", paramLabel = "NAME", required = true,
      description = "The model config to call (name or id; see `assay models list`).")
  String modelConfig;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "Model name (default: the version's, else the config's first).")
  String model;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "Override an invocation parameter for this run (repeatable): temperature=0, max_tokens=50.")
  List<String> params = new ArrayList<>();

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object();
    body.set("variables", variables.variables());
    body.put("ai_integration_id", modelConfig);
    if (model != null) {
      body.put("model", model);
    }
    if (!params.isEmpty()) {
      ObjectNode invocation = body.putObject("invocation_params");
      for (String param : params) {
        int eq = param.indexOf('=');
        if (eq <= 0) {
          throw CliException.usage("--param must be KEY=VALUE, e.g. temperature=0; got '" + param + "'");
        }
        invocation.set(param.substring(0, eq).strip(), VersionOptions.value(param.substring(eq + 1)));
      }
    }
    try (ApiClient api = client.client()) {
      JsonNode version = PromptsCommand.version(api, prompt, client.spaceQuery(space), selector);
      JsonNode result = PromptsCommand.inputChecked(() -> api.post(PromptsCommand.versionPath(version.path("id").asText())
          + "/run", Map.of(), body));
      OutputFormat format = output.output().format();
      if (format == OutputFormat.TABLE) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.path("output").asText(""));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("model " + result.path("model").asText() + " · version " + version.path("version_number").asText()
            + " · " + result.path("input_tokens").asLong() + " in / " + result.path("output_tokens").asLong()
            + " out tokens · " + result.path("latency_ms").asLong() + " ms");
        err.flush();
      } else {
        output.output().item(result, List.of("output", "model", "input_tokens", "output_tokens", "latency_ms"));
      }
    }
    return ExitCodes.OK;
  }
}
