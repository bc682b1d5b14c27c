package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Fill a version's variables and show the messages; nothing is sent to a model. Variables without a "
        + "value are listed on stderr (and in -o json) and left as written.",
        "assay prompts render support --label production --var question='Where is my order?'"})
public final class PromptsRenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin VersionSelector selector;
  @Mixin VariableOptions variables;

  @Parameters(paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object();
    body.set("variables", variables.variables());
    try (ApiClient api = client.client()) {
      JsonNode version = PromptsCommand.version(api, prompt, client.spaceQuery(space), selector);
      JsonNode rendered = PromptsCommand.inputChecked(() -> api.post(PromptsCommand.versionPath(version.path("id").asText())
          + "/render", Map.of(), body));
      if (output.output().format() == OutputFormat.JSON || output.output().format() == OutputFormat.JSONL) {
        output.output().item(rendered, List.of("messages", "variables", "missing"));
      } else {
        PromptsCommand.printMessages(output.output(), rendered.path("messages"));
      }
      noteMissing(spec.commandLine().getErr(), rendered.path("missing"));
    }
    return ExitCodes.OK;
  }

  static void noteMissing(PrintWriter err, JsonNode missing) {
    if (!missing.isEmpty()) {
      List<String> names = new ArrayList<>();
      missing.forEach(m -> names.add(m.asText()));
      err.println("missing variables: " + String.join(", ", names) + " (give them with --var NAME=VALUE)");
      err.flush();
    }
  }
}
