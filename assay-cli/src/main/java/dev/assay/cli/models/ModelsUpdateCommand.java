package dev.assay.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Change a model config: a new API key (from an environment variable or stdin, never an argument), "
        + "base URL or limits. Evaluation tasks paused by this config's failure (a wrong key, billing) resume.",
        "Example: assay models update judge --api-key-env OPENAI_API_KEY"})
public final class ModelsUpdateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "CONFIG", description = "Model config name or id.")
  String config;

  @ArgGroup(exclusive = true)
  ModelsCreateCommand.KeySource key;

  /** Refused with a pointer to the safe options, as in create. */
  @Option(names = {"--api-key", "--key"}, hidden = true, paramLabel = "KEY")
  String keyArgument;

  @Option(names = "--base-url", paramLabel = "URL", description = "The provider's new base URL.")
  String baseUrl;

  @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute the provider allows.")
  Integer rpm;

  @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute the provider allows.")
  Long tpm;

  @Option(names = "--max-concurrency", paramLabel = "N", description = "Most calls in flight at once.")
  Integer maxConcurrency;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    if (keyArgument != null) {
      throw CliException.usage("the API key is never taken as an argument (it would show in `ps` and shell history): "
          + "use --api-key-env VAR or --api-key-stdin");
    }
    ObjectNode body = ApiClient.object();
    String apiKey = apiKey();
    if (apiKey != null) {
      body.put("api_key", apiKey);
    }
    if (baseUrl != null) {
      body.put("base_url", baseUrl);
    }
    putPositive(body, "requests_per_minute", "--rpm", rpm == null ? null : rpm.longValue());
    putPositive(body, "tokens_per_minute", "--tpm", tpm);
    putPositive(body, "max_concurrency", "--max-concurrency", maxConcurrency == null ? null : maxConcurrency.longValue());
    if (body.isEmpty()) {
      throw CliException.usage("nothing to update: give --api-key-env, --api-key-stdin, --base-url, --rpm, --tpm or "
          + "--max-concurrency");
    }
    String spaceRef = client.space(space);
    try (ApiClient api = client.client()) {
      JsonNode found = ModelsCommand.resolve(api, config, spaceRef);
      output.output().itemNarrowTable(api.patch(ModelsCommand.path(found.path("id").asText()), Map.of(), body),
          ModelsCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }

  private String apiKey() {
    if (key == null) {
      return null;
    }
    if (key.env != null) {
      String value = client.environment().get(key.env);
      if (value == null) {
        throw CliException.usage("--api-key-env: environment variable " + key.env + " is not set");
      }
      return value;
    }
    try {
      // Not closed: closing would close the process's stdin.
      String text = new String(client.environment().stdin().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw CliException.usage("--api-key-stdin: nothing was read from stdin");
      }
      return text;
    } catch (IOException e) {
      throw CliException.failure("--api-key-stdin: cannot read stdin: " + e.getMessage());
    }
  }

  private static void putPositive(ObjectNode body, String field, String option, Long value) {
    if (value != null && value < 1) {
      throw CliException.usage(option + " must be at least 1, got " + value);
    }
    if (value != null) {
      body.put(field, value);
    }
  }
}
