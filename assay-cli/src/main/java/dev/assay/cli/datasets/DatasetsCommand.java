package dev.assay.cli.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code assay datasets}: datasets with immutable versions over {@code /v2}. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
    description = {"Create, upload, list, show, change, export and delete datasets and their examples.",
        "Every change of examples (append, update, delete) writes a new version; older versions stay exactly as they "
            + "were. Datasets are named by name (in --space, else the profile's space) or id."},
    subcommands = {DatasetsListCommand.class, DatasetsGetCommand.class, DatasetsCreateCommand.class,
        DatasetsUploadCommand.class, DatasetsAppendCommand.class, DatasetsExamplesCommand.class,
        DatasetsUpdateExamplesCommand.class, DatasetsDeleteExamplesCommand.class, DatasetsFromSpansCommand.class,
        DatasetsExportCommand.class, DatasetsVersionsCommand.class, DatasetsRenameCommand.class,
        DatasetsDeleteCommand.class})
public final class DatasetsCommand {
  static final List<String> COLUMNS = List.of("name", "id", "example_count", "versions", "latest_version", "description",
      "updated_at");
  static final List<String> VERSION_COLUMNS = List.of("number", "name", "id", "example_count", "created_at");
  static final List<String> EXAMPLE_COLUMNS = List.of("id", "input", "output", "metadata", "splits", "source_span_id");
  static final List<String> WRITE_COLUMNS = List.of("dataset", "dataset_id", "version", "dataset_version_id", "created",
      "updated");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DatasetsCommand() {}

  static String path(String ref) {
    return "/v2/datasets/" + ApiClient.segment(ref);
  }

  /** The dataset {@code ref} (name or id) with its versions; exit 3 when there is none. */
  static JsonNode dataset(ApiClient api, ClientOptions client, String space, String ref) {
    return api.get(path(ref), client.spaceQuery(space));
  }

  static boolean whole(Output out) {
    return out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL;
  }

  static ObjectNode row(JsonNode d) {
    ObjectNode row = ApiClient.object();
    row.put("name", d.path("name").asText());
    row.put("id", d.path("id").asText());
    row.set("example_count", d.path("example_count"));
    if (d.has("versions")) {
      row.put("versions", d.get("versions").size());
      row.put("latest_version", d.path("versions").path(0).path("name").asText(""));
    }
    row.put("description", d.path("description").asText(""));
    row.put("updated_at", d.path("updated_at").asText(""));
    return row;
  }

  static void printDataset(Output out, JsonNode d) {
    out.item(whole(out) ? d : row(d), COLUMNS);
  }

  static void printVersions(Output out, JsonNode versions) {
    List<JsonNode> rows = new java.util.ArrayList<>();
    versions.forEach(v -> {
      ObjectNode row = ApiClient.object();
      for (String c : VERSION_COLUMNS) {
        row.set(c, v.path(c));
      }
      rows.add(whole(out) ? v : row);
    });
    out.listNarrowTable(rows, VERSION_COLUMNS);
  }

  /** An upload or from-spans answer as one row. */
  static void printWrite(Output out, JsonNode written) {
    if (whole(out)) {
      out.item(written, WRITE_COLUMNS);
      return;
    }
    ObjectNode row = ApiClient.object();
    row.put("dataset", written.at("/dataset/name").asText());
    row.put("dataset_id", written.at("/dataset/id").asText());
    row.put("version", written.at("/dataset/versions/0/name").asText());
    row.put("dataset_version_id", written.path("dataset_version_id").asText());
    row.set("created", written.path("num_created"));
    row.set("updated", written.path("num_updated"));
    out.item(row, WRITE_COLUMNS);
  }

  /** An example in canonical columns (the {@code _assay} block), for tables and CSV. */
  static ObjectNode exampleRow(JsonNode e) {
    JsonNode c = e.path("_assay");
    ObjectNode row = ApiClient.object();
    row.put("id", e.path("id").asText());
    row.set("input", c.path("input"));
    row.set("output", c.path("output"));
    row.set("metadata", c.path("metadata"));
    row.put("splits", String.join(",", JSON.convertValue(c.path("splits"), String[].class)));
    row.put("source_span_id", c.path("source_span_id").asText(""));
    return row;
  }

  /**
   * Flat AX examples from {@code --json} text or a JSON/JSONL file ({@code -} for stdin): a JSON array of objects, or
   * one object per line.
   */
  static ArrayNode examples(ClientOptions client, String jsonText, String file) {
    if ((jsonText == null) == (file == null)) {
      throw CliException.usage("give the examples with exactly one of --json and --file");
    }
    String text;
    try {
      text = jsonText != null ? jsonText : file.equals("-") ? new String(client.environment().stdin().readAllBytes())
          : Files.readString(client.environment().resolve(file));
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
    ArrayNode out = JSON.createArrayNode();
    String trimmed = text.strip();
    try {
      if (trimmed.startsWith("[")) {
        JsonNode array = JSON.readTree(trimmed);
        array.forEach(out::add);
      } else {
        int line = 0;
        for (String l : trimmed.lines().toList()) {
          line++;
          if (!l.isBlank()) {
            JsonNode node;
            try {
              node = JSON.readTree(l);
            } catch (IOException e) {
              throw CliException.usage((file == null ? "--json" : file) + ":" + line + ": not valid JSON");
            }
            out.add(node);
          }
        }
      }
    } catch (IOException e) {
      throw CliException.usage((file == null ? "--json" : file) + ": not valid JSON: " + e.getMessage());
    }
    for (int i = 0; i < out.size(); i++) {
      if (!out.get(i).isObject()) {
        throw CliException.usage("example " + (i + 1) + " is not a JSON object");
      }
    }
    if (out.isEmpty()) {
      throw CliException.usage("no examples given");
    }
    return out;
  }

  static Map<String, String> query(String name, String value) {
    java.util.LinkedHashMap<String, String> q = new java.util.LinkedHashMap<>();
    q.put(name, value);
    return q;
  }
}
