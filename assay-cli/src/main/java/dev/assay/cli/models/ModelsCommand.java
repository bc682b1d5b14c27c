package dev.assay.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code assay models}: the model provider configs judges call, over {@code /v2/ai-integrations}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {"List, show, create, update, test and delete model configs (AX: AI integrations): a provider, a base URL, "
        + "model names, an API key (stored encrypted, never shown) and rate limits. LLM-judge evaluators call them.",
        "A config is named by its name (in --space, else the profile's space, else the default space) or its id."},
    subcommands = {ModelsListCommand.class, ModelsGetCommand.class, ModelsCreateCommand.class, ModelsUpdateCommand.class,
        ModelsTestCommand.class,
        ModelsDeleteCommand.class})
public final class ModelsCommand {
  /** Table and CSV columns, in order. */
  static final List<String> COLUMNS = List.of("name", "id", "provider", "base_url", "model_names", "has_api_key",
      "requests_per_minute", "tokens_per_minute", "max_concurrency", "created_at");

  private ModelsCommand() {}

  static String path(String id) {
    return "/v2/ai-integrations/" + ApiClient.segment(id);
  }

  /**
   * The config named {@code ref}: the one whose name is exactly {@code ref} (the API's name filter matches
   * substrings), else the one with that id; exit 3 when neither exists.
   */
  public static JsonNode resolve(ApiClient api, String ref, String space) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("space_id", space);
    query.put("name", ref);
    for (JsonNode config : api.list("/v2/ai-integrations", query, "ai_integrations", 1000).items()) {
      if (ref.equals(config.path("name").asText())) {
        return config;
      }
    }
    try {
      return api.get(path(ref), space == null ? Map.of() : Map.of("space_id", space));
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 400) {
        throw CliException.notFound("model config '" + ref + "' not found (see `assay models list`)");
      }
      throw e;
    }
  }
}
