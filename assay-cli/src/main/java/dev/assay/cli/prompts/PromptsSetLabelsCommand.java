package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set-labels", mixinStandardHelpOptions = true,
    description = {"Make LABELs exactly the labels of a version (default: the latest). A label on another version of "
        + "the prompt moves here; labels of this version not listed are removed; none removes all.",
        "assay prompts set-labels support production --version 2"})
public final class PromptsSetLabelsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin VersionSelector selector;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Parameters(index = "1..*", paramLabel = "LABEL", description = "Label names (case-sensitive).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode version = PromptsCommand.version(api, prompt, client.spaceQuery(space), selector);
      ObjectNode body = ApiClient.object();
      ArrayNode list = body.putArray("labels");
      labels.forEach(list::add);
      JsonNode updated = PromptsCommand.inputChecked(() -> api.put(PromptsCommand.versionPath(version.path("id").asText())
          + "/labels", Map.of(), body));
      boolean whole = output.output().format() == dev.assay.cli.output.OutputFormat.JSON
          || output.output().format() == dev.assay.cli.output.OutputFormat.JSONL;
      output.output().itemNarrowTable(whole ? updated : PromptsCommand.versionRow(updated),
          PromptsCommand.VERSION_COLUMNS);
    }
    return ExitCodes.OK;
  }
}
