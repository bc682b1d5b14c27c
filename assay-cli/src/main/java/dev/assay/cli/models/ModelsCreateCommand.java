package dev.assay.cli.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.llm.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay models create}. The API key is read from an environment variable or stdin, never from an
 * argument: arguments show in {@code ps} and in shell history.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a model config. The API key comes from --api-key-env VAR (the name of a variable holding it) "
        + "or --api-key-stdin, never from an argument; it is stored encrypted and never shown again.",
        "Example: assay models create judge --provider OPEN_AI --base-url \"$OPENAI_BASE_URL\" "
            + "--api-key-env OPENAI_API_KEY --model gpt-4o-mini"})
public final class ModelsCreateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "NAME", description = "The config's name (unique per space); judges name it in --model NAME/MODEL.")
  String name;

  @Option(names = "--provider", required = true, paramLabel = "PROVIDER",
      description = "${COMPLETION-CANDIDATES}; CUSTOM is any OpenAI-compatible server (vLLM, LM Studio, Groq, Ollama's /v1).")
  Provider provider;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The provider's base URL, e.g. http://127.0.0.1:11434/v1 (default: the provider's public endpoint).")
  String baseUrl;

  @Option(names = "--model", paramLabel = "MODEL", description = "A model name it serves (repeatable); the first is the default.")
  List<String> models = new ArrayList<>();

  @ArgGroup(exclusive = true)
  KeySource key;

  static final class KeySource {
    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Read the API key from environment variable VAR.")
    String env;

    @Option(names = "--api-key-stdin", description = "Read the API key from stdin (one line).")
    boolean stdin;
  }

  /**
   * Accepted only to refuse it with a pointer to the safe options: without it picocli would report the key itself
   * as an unmatched argument on stderr.
   */
  @Option(names = {"--api-key", "--key"}, hidden = true, paramLabel = "KEY")
  String keyArgument;

  @Option(names = "--header-env", paramLabel = "NAME=VAR",
      description = "Send header NAME with the value of environment variable VAR (repeatable); values are stored encrypted.")
  Map<String, String> headerEnv = new LinkedHashMap<>();

  @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute the provider allows (the executor stays under it).")
  Integer rpm;

  @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute the provider allows.")
  Long tpm;

  @Option(names = "--max-concurrency", paramLabel = "N", description = "Most calls in flight at once.")
  Integer maxConcurrency;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to create it in (name or id; default: the "
      + "profile's space, else the default space).")
  String space;

  @Override
  public Integer call() {
    if (keyArgument != null) {
      throw CliException.usage("the API key is never taken as an argument (it would show in `ps` and shell history): "
          + "use --api-key-env VAR or --api-key-stdin");
    }
    ObjectNode body = ApiClient.object().put("name", name).put("provider", provider.name());
    if (baseUrl != null) {
      body.put("base_url", baseUrl);
    }
    ArrayNode names = body.putArray("model_names");
    models.forEach(names::add);
    String apiKey = apiKey();
    if (apiKey != null) {
      body.put("api_key", apiKey);
    }
    if (!headerEnv.isEmpty()) {
      ObjectNode headers = body.putObject("headers");
      headerEnv.forEach((header, variable) -> headers.put(header, required(variable, "--header-env " + header)));
    }
    putPositive(body, "requests_per_minute", "--rpm", rpm == null ? null : rpm.longValue());
    putPositive(body, "tokens_per_minute", "--tpm", tpm);
    putPositive(body, "max_concurrency", "--max-concurrency", maxConcurrency == null ? null : maxConcurrency.longValue());
    String spaceRef = client.space(space);
    if (spaceRef != null) {
      body.put("space_id", spaceRef);
    }
    try (ApiClient api = client.client()) {
      output.output().item(api.post("/v2/ai-integrations", body), ModelsCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }

  private String apiKey() {
    if (key == null) {
      return null;
    }
    if (key.env != null) {
      return required(key.env, "--api-key-env");
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

  /** The variable's value; a usage error naming the variable (never a value) when it is unset or empty. */
  private String required(String variable, String option) {
    String value = client.environment().get(variable);
    if (value == null) {
      throw CliException.usage(option + ": environment variable " + variable + " is not set");
    }
    return value;
  }

  private static void putPositive(ObjectNode body, String field, String option, Long value) {
    if (value == null) {
      return;
    }
    if (value < 1) {
      throw CliException.usage(option + " must be at least 1, got " + value);
    }
    body.put(field, value);
  }
}
