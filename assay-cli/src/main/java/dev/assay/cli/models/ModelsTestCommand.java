package dev.assay.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Make one real call to the configured model (\"Reply with OK\") and print its latency and reply.",
        "Exits 1 with the provider's reason (status, message) when the call fails: wrong key, wrong URL, unknown model."})
public final class ModelsTestCommand implements Callable<Integer> {
  static final List<String> COLUMNS = List.of("model_name", "latency_ms", "response_text", "input_tokens", "output_tokens");

  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "CONFIG", description = "Model config name or id.")
  String config;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model name to call (default: the config's first model).")
  String model;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    String spaceRef = client.space(space);
    try (ApiClient api = client.client()) {
      JsonNode found = ModelsCommand.resolve(api, config, spaceRef);
      ObjectNode body = ApiClient.object();
      if (model != null) {
        body.put("model_name", model);
      }
      JsonNode result;
      try {
        result = api.post(ModelsCommand.path(found.path("id").asText()) + "/test",
            spaceRef == null ? Map.of() : Map.of("space_id", spaceRef), body);
      } catch (ApiException e) {
        if (e.status() == 502 || e.status() == 400 || e.status() == 504) {
          // The server reached its end: the provider (or the config) is at fault, not Assay; say which model failed.
          throw CliException.failure("model config '" + found.path("name").asText(config) + "' failed its test call: "
              + e.getMessage());
        }
        throw e;
      }
      output.output().item(result, COLUMNS);
    }
    return ExitCodes.OK;
  }
}
