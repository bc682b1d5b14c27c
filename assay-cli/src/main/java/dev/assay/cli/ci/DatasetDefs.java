package dev.assay.cli.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ci.EvalConfig.DatasetSource;
import dev.assay.datasets.ExampleDraft;
import dev.assay.datasets.UploadFormat;
import dev.assay.datasets.UploadKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The examples of assay.yaml: {@code dataset:} (a file or a stored dataset) or inline {@code tests:}. */
final class DatasetDefs {
  private final YamlTree yaml;
  private final Path dir;

  DatasetDefs(YamlTree yaml, Path dir) {
    this.yaml = yaml;
    this.dir = dir;
  }

  DatasetSource read(JsonNode root) {
    JsonNode dataset = root.get("dataset");
    JsonNode tests = root.get("tests");
    if (dataset != null && tests != null) {
      yaml.error("/tests", "use either 'dataset' or 'tests', not both");
      return null;
    }
    if (tests != null) {
      return tests(tests);
    }
    if (dataset == null) {
      yaml.error("", "assay.yaml needs the examples to run on: 'dataset' (a file or a stored dataset) or 'tests'");
      return null;
    }
    if (!dataset.isObject()) {
      yaml.error("/dataset", "dataset must be a mapping with 'file' (CSV, JSONL or JSON) or 'name' (a stored "
          + "dataset, with --url), got " + YamlTree.kind(dataset));
      return null;
    }
    yaml.onlyKeys(dataset, "/dataset", YamlTree.keys("file", "name", "version", "format", "input_keys",
        "output_keys", "metadata_keys", "split_key", "id_key", "splits"));
    List<String> splits = yaml.texts(dataset, "/dataset", "splits");
    String name = yaml.text(dataset, "/dataset", "name", false);
    String fileName = yaml.text(dataset, "/dataset", "file", false);
    if ((name == null) == (fileName == null)) {
      yaml.error("/dataset", "dataset needs exactly one of 'file' and 'name'");
      return null;
    }
    if (name != null) {
      for (String key : List.of("format", "input_keys", "output_keys", "metadata_keys", "split_key", "id_key")) {
        if (dataset.has(key)) {
          yaml.error("/dataset/" + key, "dataset." + key + " applies to a 'file' dataset, not a stored one");
        }
      }
      return new DatasetSource.Stored(name, yaml.text(dataset, "/dataset", "version", false), splits);
    }
    if (dataset.has("version")) {
      yaml.error("/dataset/version", "dataset.version applies to a stored dataset ('name'), not a file");
    }
    Path path = existing(yaml, dir, "/dataset/file", fileName);
    UploadFormat format = null;
    String formatText = yaml.text(dataset, "/dataset", "format", false);
    if (formatText != null) {
      try {
        format = UploadFormat.valueOf(formatText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        yaml.error("/dataset/format", "dataset.format must be csv, jsonl or json, got '" + formatText + "'");
      }
    } else if (fileName != null) {
      format = formatOf(fileName);
      if (format == null) {
        yaml.error("/dataset/file", "cannot tell the format of '" + fileName + "' from its name: add format: csv, "
            + "jsonl or json");
      }
    }
    UploadKeys keys = new UploadKeys(yaml.texts(dataset, "/dataset", "input_keys"),
        yaml.texts(dataset, "/dataset", "output_keys"), yaml.texts(dataset, "/dataset", "metadata_keys"),
        yaml.text(dataset, "/dataset", "split_key", false), null, yaml.text(dataset, "/dataset", "id_key", false));
    return path == null || format == null ? null : new DatasetSource.File(path, format, keys, splits);
  }

  static UploadFormat formatOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return UploadFormat.CSV;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return UploadFormat.JSONL;
    }
    return lower.endsWith(".json") ? UploadFormat.JSON : null;
  }

  private DatasetSource tests(JsonNode tests) {
    if (!tests.isArray() || tests.isEmpty()) {
      yaml.error("/tests", "tests must be a non-empty list of {input, expected, metadata}, got "
          + YamlTree.kind(tests));
      return null;
    }
    List<ExampleDraft> drafts = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < tests.size(); i++) {
      String at = "/tests/" + i;
      JsonNode test = tests.get(i);
      if (!test.isObject()) {
        yaml.error(at, "tests[" + i + "] must be a mapping with 'input' (or 'vars'), got " + YamlTree.kind(test));
        continue;
      }
      yaml.onlyKeys(test, at, YamlTree.keys("id", "description", "input", "vars", "expected", "output",
          "metadata", "splits"));
      String inputKey = test.has("vars") ? "vars" : "input";
      if (test.has("vars") && test.has("input")) {
        yaml.error(at + "/vars", "tests[" + i + "] has both 'input' and 'vars' (they are the same thing)");
      }
      Map<String, Object> input = yaml.mapping(test, at, inputKey);
      if (input == null && !test.has(inputKey)) {
        yaml.error(at, "tests[" + i + "] needs 'input': a mapping of the variables the task gets");
      }
      if (test.has("expected") && test.has("output")) {
        yaml.error(at + "/output", "tests[" + i + "] has both 'expected' and 'output' (they are the same thing)");
      }
      JsonNode expected = test.has("expected") ? test.get("expected") : test.get("output");
      Map<String, Object> output = new LinkedHashMap<>();
      if (expected != null && !expected.isNull()) {
        if (expected.isObject()) {
          output.putAll(YamlTree.plainMap(expected));
        } else {
          output.put("expected", YamlTree.plain(expected));
        }
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      Map<String, Object> givenMetadata = yaml.mapping(test, at, "metadata");
      if (givenMetadata != null) {
        metadata.putAll(givenMetadata);
      }
      String description = yaml.text(test, at, "description", false);
      if (description != null) {
        metadata.putIfAbsent("description", description);
      }
      String id = yaml.text(test, at, "id", false);
      if (id != null && !ids.add(id)) {
        yaml.error(at + "/id", "tests[" + i + "].id '" + id + "' is used by an earlier test");
      }
      drafts.add(new ExampleDraft(id, input == null ? Map.of() : input, output, metadata,
          yaml.texts(test, at, "splits"), null, null));
    }
    return new DatasetSource.Inline(drafts);
  }

  /** {@code name} resolved against assay.yaml's directory; an error at {@code pointer} when it is no file. */
  static Path existing(YamlTree yaml, Path dir, String pointer, String name) {
    if (name == null) {
      return null;
    }
    Path path = dir.resolve(name).normalize();
    if (!Files.isRegularFile(path)) {
      yaml.error(pointer, "file '" + name + "' does not exist (looked at " + path + ")");
      return null;
    }
    return path;
  }
}
