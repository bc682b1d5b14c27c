package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code assay prompts}: prompts, immutable versions and labels over {@code /v2}, plus render and run. */
@Command(name = "prompts", mixinStandardHelpOptions = true,
    description = {"Create, list, show, version, label, render and run prompts.",
        "A prompt is a chat (or text) template; every change is a new immutable version, and labels such as "
            + "`production` point at one version each. Named by name (in --space) or id."},
    subcommands = {PromptsListCommand.class, PromptsGetCommand.class, PromptsCreateCommand.class,
        PromptsCreateVersionCommand.class, PromptsVersionsCommand.class, PromptsGetVersionCommand.class,
        PromptsSetLabelsCommand.class, PromptsRemoveLabelCommand.class, PromptsUpdateCommand.class,
        PromptsDeleteCommand.class, PromptsRenderCommand.class, PromptsRunCommand.class})
public final class PromptsCommand {
  static final List<String> COLUMNS = List.of("name", "id", "description", "space_id", "created_at", "updated_at");
  static final List<String> WITH_VERSION_COLUMNS = List.of("name", "id", "version_number", "version_id", "labels",
      "format", "provider", "model", "variables", "commit_message", "updated_at");
  static final List<String> VERSION_COLUMNS = List.of("version_number", "id", "labels", "format", "provider", "model",
      "commit_hash", "commit_message", "created_at");

  private PromptsCommand() {}

  static String path(String prompt) {
    return "/v2/prompts/" + ApiClient.segment(prompt);
  }

  static String versionPath(String versionId) {
    return "/v2/prompt-versions/" + ApiClient.segment(versionId);
  }

  /**
   * The version chosen by id, by number, by label, else the latest, of {@code prompt}.
   *
   * @throws CliException exit 2 when more than one selector is given, exit 3 when there is no such version
   */
  static JsonNode version(ApiClient api, String prompt, Map<String, String> spaceQuery, VersionSelector selector) {
    if (selector != null && selector.count() > 1) {
      throw CliException.usage("give one of --label, --version and --version-id");
    }
    if (selector != null && selector.number != null) {
      for (JsonNode v : api.list(path(prompt) + "/versions", spaceQuery, "prompt_versions", Integer.MAX_VALUE).items()) {
        if (v.path("version_number").asInt() == selector.number) {
          return v;
        }
      }
      throw CliException.notFound("prompt '" + prompt + "' has no version " + selector.number
          + "; see `assay prompts versions " + prompt + "`");
    }
    Map<String, String> query = new LinkedHashMap<>(spaceQuery);
    if (selector != null) {
      query.put("version_id", selector.versionId);
      query.put("label", selector.label);
    }
    return api.get(path(prompt), query).path("version");
  }

  /**
   * Runs a request whose 400 answer means the user's input was wrong (a bad message, a missing variable): exit 2 with
   * the server's reason, as for a bad flag.
   */
  static <T> T inputChecked(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (dev.assay.cli.client.ApiException e) {
      if (e.status() == 400 || e.status() == 422) {
        throw CliException.usage(e.getMessage());
      }
      throw e;
    }
  }

  /** A prompt with its version as one flat row. */
  static ObjectNode withVersionRow(JsonNode prompt) {
    JsonNode version = prompt.path("version");
    ObjectNode row = ApiClient.object();
    row.put("name", prompt.path("name").asText(""));
    row.put("id", prompt.path("id").asText(""));
    row.set("version_number", version.path("version_number"));
    row.put("version_id", version.path("id").asText(""));
    row.put("labels", joined(version.path("labels")));
    row.put("format", version.path("input_variable_format").asText(""));
    row.put("provider", version.path("provider").asText(""));
    row.put("model", version.path("model").asText(""));
    row.put("variables", String.join(", ", variables(version)));
    row.put("commit_message", version.path("commit_message").asText(""));
    row.put("updated_at", prompt.path("updated_at").asText(""));
    return row;
  }

  static ObjectNode versionRow(JsonNode version) {
    ObjectNode row = ApiClient.object();
    row.set("version_number", version.path("version_number"));
    row.put("id", version.path("id").asText(""));
    row.put("labels", joined(version.path("labels")));
    row.put("format", version.path("input_variable_format").asText(""));
    row.put("provider", version.path("provider").asText(""));
    row.put("model", version.path("model").asText(""));
    row.put("commit_hash", version.path("commit_hash").asText("").substring(0,
        Math.min(12, version.path("commit_hash").asText("").length())));
    row.put("commit_message", version.path("commit_message").asText(""));
    row.put("created_at", version.path("created_at").asText(""));
    return row;
  }

  /** JSON as the API returned it; else the row, then each message as {@code ROLE: text}. */
  static void printWithMessages(Output out, JsonNode whole, ObjectNode row, List<String> columns, JsonNode version) {
    if (out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL) {
      out.item(whole, columns);
      return;
    }
    out.itemNarrowTable(row, columns);
    if (out.format() == OutputFormat.TABLE) {
      printMessages(out, version.path("messages"));
    }
  }

  static void printMessages(Output out, JsonNode messages) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode m : messages) {
      ObjectNode row = ApiClient.object();
      row.put("role", m.path("role").asText(""));
      row.put("content", m.path("content").asText(""));
      rows.add(row);
    }
    out.list(rows, List.of("role", "content"));
  }

  /** The {@code {var}} or {@code {{var}}} names a version's messages use, as the server's render reports them. */
  static List<String> variables(JsonNode version) {
    List<String> out = new ArrayList<>();
    boolean mustache = version.path("input_variable_format").asText().equals("MUSTACHE");
    java.util.regex.Pattern p = mustache
        ? java.util.regex.Pattern.compile("\\{\\{\\{?\\s*([A-Za-z_][\\w.]*)\\s*}?}}")
        : java.util.regex.Pattern.compile("(?<!\\{)\\{([A-Za-z_][\\w.]*)}(?!})");
    for (JsonNode m : version.path("messages")) {
      var matcher = p.matcher(m.path("content").asText(""));
      while (matcher.find()) {
        if (!out.contains(matcher.group(1))) {
          out.add(matcher.group(1));
        }
      }
    }
    return out;
  }

  private static String joined(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }
}
