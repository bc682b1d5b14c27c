package dev.assay.cli.datasets;

import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.WriterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a dataset version's examples as JSONL (canonical: id, input, output, metadata, splits, source "
        + "span) or CSV (input.<key>, output.<key>, metadata.<key> columns), streamed to stdout or --out FILE.",
        "A JSONL export uploads back with: upload FILE --input-keys input --output-keys output --metadata-keys metadata "
            + "--split-key splits --example-id-key id."})
public final class DatasetsExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--version", paramLabel = "VERSION", description = "A version (name such as v2, or id); default the latest.")
  String version;

  @Option(names = "--split", paramLabel = "SPLIT", description = "Only examples in this split (repeatable).")
  List<String> splits;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  String out;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw CliException.usage("--format must be jsonl or csv, got " + format);
    }
    try (ApiClient api = client.client()) {
      String id = DatasetsCommand.dataset(api, client, space, dataset).path("id").asText();
      Map<String, String> query = new LinkedHashMap<>();
      query.put("format", format);
      query.put("version_id", version);
      query.put("split", splits == null ? null : String.join(",", splits));
      if (out == null) {
        OutputStream stdout = new WriterOutputStream(spec.commandLine().getOut());
        api.download(DatasetsCommand.path(id) + "/export", query, stdout);
        return ExitCodes.OK;
      }
      Path file = client.environment().resolve(out);
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      try (OutputStream os = Files.newOutputStream(partial)) {
        api.download(DatasetsCommand.path(id) + "/export", query, os);
      } catch (IOException e) {
        throw CliException.failure("cannot write " + out + ": " + e.getMessage());
      } catch (RuntimeException e) {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // the failure that matters is e
        }
        throw e;
      }
      try {
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw CliException.failure("cannot write " + out + ": " + e.getMessage());
      }
    }
    return ExitCodes.OK;
  }
}
