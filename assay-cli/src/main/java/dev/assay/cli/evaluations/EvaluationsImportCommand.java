package dev.assay.cli.evaluations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.traces.ProjectOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import evaluation results computed elsewhere, all or nothing: a bad line stores nothing and the error "
        + "names its line and field.",
        "Each JSONL line / CSV row: target_kind, target_id, name, and any of identifier, label, score, explanation, passed, "
            + "annotator_kind (default LLM), metadata (a JSON object; JSON text in CSV). A result with the same target, name "
            + "and identifier is replaced."})
public final class EvaluationsImportCommand implements Callable<Integer> {
  /** The file formats the import endpoint reads. */
  enum Format { JSONL, CSV;
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin ProjectOption project;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "FILE", description = "The results file; `-` reads stdin.")
  String file;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES} (default: from the file's extension: .jsonl/.ndjson/.json → jsonl, .csv → csv; "
          + "jsonl for stdin).")
  Format format;

  @Override
  public Integer call() {
    Format chosen = format != null ? format : fromExtension(file);
    byte[] body = read();
    if (body.length == 0) {
      throw CliException.usage(file + " is empty: nothing to import");
    }
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("project_id", project.projectId(api, client));
      query.put("format", chosen.toString());
      JsonNode answer = api.postRaw("/v2/evaluations/import", query,
          chosen == Format.CSV ? "text/csv" : "application/x-ndjson", body);
      output.output().item(answer, List.of("imported"));
      PrintWriter err = spec.commandLine().getErr();
      err.println("Imported " + answer.path("imported").asLong() + " evaluations.");
      err.flush();
    }
    return ExitCodes.OK;
  }

  static Format fromExtension(String file) {
    if (file.equals("-")) {
      return Format.JSONL;
    }
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
      return Format.JSONL;
    }
    if (lower.endsWith(".csv")) {
      return Format.CSV;
    }
    throw CliException.usage("cannot tell the format of " + file + " from its extension: add --format jsonl or --format csv");
  }

  private byte[] read() {
    try {
      return file.equals("-") ? client.environment().stdin().readAllBytes()
          : Files.readAllBytes(client.environment().resolve(file));
    } catch (NoSuchFileException e) {
      throw CliException.usage(file + ": no such file");
    } catch (IOException e) {
      throw CliException.failure("cannot read " + file + ": " + e.getMessage());
    }
  }
}
