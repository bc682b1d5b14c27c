package dev.assay.cli.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ci.EvalConfig.ProviderDef;
import dev.assay.prompts.PromptDrafts;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.PromptVersionDraft;
import dev.assay.shared.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * The {@code providers:} entries: OpenAI-compatible endpoints, written out ({@code base_url}, {@code model},
 * {@code api_key_env}) or as promptfoo's {@code openai:MODEL} shorthand.
 */
final class Providers {
  static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

  private Providers() {}

  static ProviderDef shorthand(YamlTree yaml, String at, String id) {
    int colon = id.indexOf(':');
    if (colon < 0 || !id.substring(0, colon).equals("openai") || colon == id.length() - 1) {
      yaml.error(at, YamlTree.path(at) + " '" + id + "': write a provider as openai:MODEL or as a mapping with "
          + "base_url, model and api_key_env");
      return null;
    }
    String model = id.substring(colon + 1);
    return new ProviderDef(model, OPENAI_BASE_URL, model, "OPENAI_API_KEY", Map.of());
  }

  static ProviderDef read(YamlTree yaml, String at, JsonNode p) {
    if (!p.isObject()) {
      yaml.error(at, YamlTree.path(at) + " must be a mapping {base_url, model, api_key_env}, got " + YamlTree.kind(p));
      return null;
    }
    yaml.onlyKeys(p, at, YamlTree.keys("label", "id", "base_url", "model", "api_key_env", "config"));
    String id = yaml.text(p, at, "id", false);
    ProviderDef fromId = id == null ? null : shorthand(yaml, at + "/id", id);
    String model = yaml.text(p, at, "model", fromId == null);
    String baseUrl = yaml.text(p, at, "base_url", fromId == null);
    String keyEnv = yaml.text(p, at, "api_key_env", false);
    if (baseUrl != null && !baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      yaml.error(at + "/base_url", YamlTree.path(at) + ".base_url must start with http:// or https://");
    }
    if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      yaml.error(at + "/api_key_env", YamlTree.path(at) + ".api_key_env names an environment variable (like "
          + "OPENAI_API_KEY), never the key itself");
    }
    Map<String, Object> config = yaml.mapping(p, at, "config");
    if (fromId != null) {
      model = model == null ? fromId.model() : model;
      baseUrl = baseUrl == null ? fromId.baseUrl() : baseUrl;
      keyEnv = keyEnv == null ? fromId.apiKeyEnv() : keyEnv;
    }
    if (config != null) {
      try {
        // The same checks as a prompt version's invocation parameters (known keys, temperature 0–2, …).
        PromptDrafts.validate(new PromptVersionDraft(null, null, null, List.of(PromptMessage.of("USER", "x")),
            "OPEN_AI", null, config, Map.of()));
      } catch (InvalidInputException e) {
        yaml.error(at + "/config", YamlTree.path(at) + ".config: " + e.getMessage().replace("invocation_params.", ""));
        config = null;
      }
    }
    String label = yaml.text(p, at, "label", false);
    return model == null || baseUrl == null ? null
        : new ProviderDef(label == null ? model : label, baseUrl, model, keyEnv, config == null ? Map.of() : config);
  }
}
