package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.OutputFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "versions", mixinStandardHelpOptions = true, description = "List a prompt's versions, newest first.")
public final class PromptsVersionsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Parameters(paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.list(PromptsCommand.path(prompt) + "/versions", client.spaceQuery(space),
          "prompt_versions", limit.value());
      boolean whole = output.output().format() == OutputFormat.JSON || output.output().format() == OutputFormat.JSONL;
      List<JsonNode> rows = whole ? listing.items()
          : listing.items().stream().map(v -> (JsonNode) PromptsCommand.versionRow(v)).toList();
      output.output().list(rows, PromptsCommand.VERSION_COLUMNS);
      limit.noteTruncation(listing, "versions");
    }
    return ExitCodes.OK;
  }
}
