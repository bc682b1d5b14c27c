package dev.assay.cli.datasets;

import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Option;

/** The file and key options of an upload (Phoenix's upload: which columns are input, output, metadata). */
public final class UploadOptions {
  @Option(names = "--format", paramLabel = "FORMAT", description = "csv, jsonl or json (default: from the file name).")
  String format;

  @Option(names = "--input-keys", paramLabel = "K1,K2", description = "Columns/keys that are the input (default: every one not named elsewhere).")
  String inputKeys;

  @Option(names = "--output-keys", paramLabel = "K1,K2", description = "Columns/keys that are the expected output.")
  String outputKeys;

  @Option(names = "--metadata-keys", paramLabel = "K1,K2", description = "Columns/keys that are metadata.")
  String metadataKeys;

  @Option(names = "--split-key", paramLabel = "KEY", description = "Column/key holding the split(s) (comma list or JSON list).")
  String splitKey;

  @Option(names = "--span-id-key", paramLabel = "KEY", description = "Column/key holding a source span id.")
  String spanIdKey;

  @Option(names = "--example-id-key", paramLabel = "KEY",
      description = "Column/key holding a stable example id: a re-upload updates the examples it names.")
  String exampleIdKey;

  /** Sends {@code file} to {@code POST /v2/datasets/upload} with these keys and {@code fields}. */
  JsonNode upload(ApiClient api, ClientOptions client, String file, Map<String, String> fields) {
    Path path = client.environment().resolve(file);
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("format", format);
    all.put("input_keys", inputKeys);
    all.put("output_keys", outputKeys);
    all.put("metadata_keys", metadataKeys);
    all.put("split_key", splitKey);
    all.put("span_id_key", spanIdKey);
    all.put("example_id_key", exampleIdKey);
    String boundary = "assay-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    all.forEach((k, v) -> {
      if (v != null) {
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n");
      }
    });
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + path.getFileName().toString().replace("\"", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(content);
    write(body, "\r\n--" + boundary + "--\r\n");
    return api.postRaw("/v2/datasets/upload", Map.of(), "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
