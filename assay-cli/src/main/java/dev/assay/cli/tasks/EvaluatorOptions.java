package dev.assay.cli.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The evaluators of a task as options ({@code create}, {@code update}): which evaluators (name or id, latest or a
 * pinned version), how their variables map onto the data, and a filter per evaluator. Names resolve to ids through
 * {@code /v2/evaluators}, as every other command looks evaluators up, so a typo fails here (exit 3) and not later.
 */
final class EvaluatorOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--evaluator", paramLabel = "EVALUATOR[@VERSION_ID]",
      description = "An evaluator (name or id) to run, repeatable; @VERSION_ID pins a version (see `assay evaluators "
          + "list-versions`), else the latest version runs.")
  List<String> evaluators = new ArrayList<>();

  @Option(names = "--mapping", paramLabel = "[EVALUATOR:]VAR=PATH",
      description = "Bind the evaluator's variable VAR to a subject field or path for this task (repeatable), e.g. "
          + "faithful:context=attributes.retrieval.text; EVALUATOR: may be left out when there is one evaluator.")
  List<String> mappings = new ArrayList<>();

  @Option(names = "--mappings-file", paramLabel = "FILE",
      description = "Mappings as JSON: {\"EVALUATOR\": {\"VAR\": \"PATH\", …}, …} (`-` for stdin); --mapping adds to it.")
  String mappingsFile;

  @Option(names = "--evaluator-filter", paramLabel = "[EVALUATOR:]FILTER",
      description = "A filter for one evaluator only, ANDed with the task's --filter (repeatable).")
  List<String> evaluatorFilters = new ArrayList<>();

  /** An evaluator as the user named it, with what the API says about it. */
  record Resolved(String ref, String id, String name, String versionId, String type, String granularity) {
    boolean matches(String key) {
      return key.equals(ref) || key.equals(id) || key.equals(name);
    }
  }

  boolean given() {
    return !evaluators.isEmpty() || !mappings.isEmpty() || mappingsFile != null || !evaluatorFilters.isEmpty();
  }

  /** Looks up every {@code --evaluator} (in {@code space}); exit 3 for one that does not exist. */
  List<Resolved> resolve(ApiClient api, ClientOptions client, String space) {
    List<Resolved> resolved = new ArrayList<>();
    for (String given : evaluators) {
      int at = given.lastIndexOf('@');
      String ref = at < 0 ? given : given.substring(0, at);
      String versionId = at < 0 ? null : given.substring(at + 1);
      if (ref.isBlank() || (versionId != null && versionId.isBlank())) {
        throw CliException.usage("--evaluator takes EVALUATOR or EVALUATOR@VERSION_ID, got '" + given + "'");
      }
      Map<String, String> query = new LinkedHashMap<>(client.spaceQuery(space));
      query.put("version_id", versionId);
      JsonNode found;
      try {
        found = api.get("/v2/evaluators/" + ApiClient.segment(ref), query);
      } catch (ApiException e) {
        if (e.status() == 404) {
          throw CliException.notFound((versionId == null ? "evaluator '" + ref + "'" : "version '" + versionId
              + "' of evaluator '" + ref + "'") + " not found (see `assay evaluators list`)");
        }
        throw e;
      }
      String id = found.path("id").asText();
      if (resolved.stream().anyMatch(r -> r.id().equals(id))) {
        throw CliException.usage("evaluator '" + ref + "' is given twice: a task runs each evaluator once");
      }
      resolved.add(new Resolved(ref, id, found.path("name").asText(ref), versionId, found.path("type").asText(""),
          found.at("/version/spec/granularity").asText("")));
    }
    return resolved;
  }

  /** The API's {@code evaluators} array for {@code resolved}, with the mappings and filters of these options. */
  ArrayNode body(CliEnvironment env, List<Resolved> resolved) {
    Map<Resolved, ObjectNode> entries = new LinkedHashMap<>();
    for (Resolved evaluator : resolved) {
      ObjectNode entry = ApiClient.object().put("evaluator_id", evaluator.id());
      if (evaluator.versionId() != null) {
        entry.put("evaluator_version_id", evaluator.versionId());
      }
      entries.put(evaluator, entry);
    }
    applyTo(env, entries);
    ArrayNode array = JSON.createArrayNode();
    entries.values().forEach(array::add);
    return array;
  }

  /**
   * Adds the mappings and filters of these options to {@code entries} (the API's evaluator objects, keyed by the
   * evaluator they are for): a mapping replaces the one of the same variable, a filter the evaluator's filter.
   */
  void applyTo(CliEnvironment env, Map<Resolved, ObjectNode> entries) {
    List<Resolved> all = List.copyOf(entries.keySet());
    for (Map.Entry<String, Map<String, String>> file : readMappingsFile(env).entrySet()) {
      Resolved target = find(all, file.getKey(), "--mappings-file");
      file.getValue().forEach((variable, path) -> mappingsOf(entries.get(target)).put(variable, path));
    }
    for (String mapping : mappings) {
      Target target = target(all, mapping, "--mapping");
      int eq = target.rest().indexOf('=');
      if (eq <= 0 || eq == target.rest().length() - 1) {
        throw CliException.usage("--mapping takes [EVALUATOR:]VAR=PATH, got '" + mapping + "'");
      }
      mappingsOf(entries.get(target.evaluator())).put(target.rest().substring(0, eq).strip(),
          target.rest().substring(eq + 1).strip());
    }
    for (String filter : evaluatorFilters) {
      Target target = target(all, filter, "--evaluator-filter");
      if (target.rest().isBlank()) {
        throw CliException.usage("--evaluator-filter takes [EVALUATOR:]FILTER, got '" + filter + "'");
      }
      entries.get(target.evaluator()).put("query_filter", target.rest().strip());
    }
  }

  private static ObjectNode mappingsOf(ObjectNode entry) {
    return entry.has("column_mappings") && entry.get("column_mappings").isObject()
        ? (ObjectNode) entry.get("column_mappings") : entry.putObject("column_mappings");
  }

  private record Target(Resolved evaluator, String rest) {}

  /**
   * The evaluator an {@code EVALUATOR:rest} value is for: the text before the first colon when it names one of the
   * task's evaluators, else the only evaluator (the whole value is then {@code rest}, which may hold colons).
   */
  private static Target target(List<Resolved> all, String value, String option) {
    int colon = value.indexOf(':');
    if (colon > 0) {
      String key = value.substring(0, colon);
      for (Resolved evaluator : all) {
        if (evaluator.matches(key)) {
          return new Target(evaluator, value.substring(colon + 1));
        }
      }
    }
    if (all.size() == 1) {
      return new Target(all.getFirst(), value);
    }
    throw CliException.usage(option + " '" + value + "': say which evaluator it is for as EVALUATOR:… (one of "
        + String.join(", ", all.stream().map(Resolved::name).toList()) + ")");
  }

  private static Resolved find(List<Resolved> all, String key, String option) {
    return all.stream().filter(r -> r.matches(key)).findFirst().orElseThrow(() -> CliException.usage(option + ": '" + key
        + "' is not an evaluator of this task (its evaluators: " + String.join(", ", all.stream().map(Resolved::name).toList())
        + ")"));
  }

  private Map<String, Map<String, String>> readMappingsFile(CliEnvironment env) {
    if (mappingsFile == null) {
      return Map.of();
    }
    JsonNode node;
    try {
      byte[] bytes = mappingsFile.equals("-") ? env.stdin().readAllBytes() : Files.readAllBytes(env.resolve(mappingsFile));
      node = JSON.readTree(bytes);
    } catch (NoSuchFileException e) {
      throw CliException.usage("--mappings-file " + mappingsFile + ": no such file");
    } catch (JsonProcessingException e) {
      throw CliException.usage("--mappings-file " + mappingsFile + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CliException.failure("--mappings-file " + mappingsFile + ": cannot read it: " + e.getMessage());
    }
    String shape = "--mappings-file " + mappingsFile + " must be a JSON object {\"EVALUATOR\": {\"VAR\": \"PATH\"}}";
    if (node == null || !node.isObject()) {
      throw CliException.usage(shape);
    }
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> evaluator : node.properties()) {
      if (!evaluator.getValue().isObject()) {
        throw CliException.usage(shape);
      }
      Map<String, String> variables = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> variable : evaluator.getValue().properties()) {
        if (!variable.getValue().isTextual()) {
          throw CliException.usage(shape + ": the path of " + evaluator.getKey() + "." + variable.getKey() + " is not text");
        }
        variables.put(variable.getKey(), variable.getValue().asText());
      }
      result.put(evaluator.getKey(), variables);
    }
    return result;
  }
}
