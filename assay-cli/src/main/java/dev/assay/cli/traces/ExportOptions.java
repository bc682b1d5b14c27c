package dev.assay.cli.traces;

import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.WriterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --format}, {@code --file} and {@code --force} of the export commands, and the export itself: the
 * server's stream is copied to stdout or to the file as it arrives. A file is written under a {@code .part}
 * name and renamed only when the export completed, so a cut export never leaves a complete-looking file.
 */
public final class ExportOptions {
  /** The server's export formats. */
  public enum Format {
    JSONL, CSV, OTLP_JSON;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", converter = FormatConverter.class,
      description = "jsonl (one span JSON per line), csv, or otlp-json (re-importable with POST /v1/traces); "
          + "default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--file", paramLabel = "PATH", description = "Write to this file instead of stdout.")
  Path file;

  @Option(names = "--force", description = "Overwrite --file when it exists.")
  boolean force;

  /** Exports {@code path} (e.g. {@code /v2/spans/export}) with the query's project, window and filter. */
  int run(ClientOptions client, QueryOptions query, String path) {
    if (file != null && Files.exists(file) && !force) {
      throw CliException.usage(file + " exists; add --force to overwrite it");
    }
    try (ApiClient api = client.client()) {
      Map<String, String> parameters = query.query(api, client);
      parameters.put("format", format.toString());
      if (file == null) {
        PrintWriter out = mixee.commandLine().getOut();
        try (OutputStream stdout = new WriterOutputStream(out)) {
          api.download(path, parameters, stdout);
        } catch (IOException e) {
          throw CliException.failure("cannot write to stdout: " + e.getMessage());
        }
        return ExitCodes.OK;
      }
      Path target = file.toAbsolutePath();
      Path part = target.resolveSibling(target.getFileName() + ".part");
      long bytes;
      try (OutputStream out = Files.newOutputStream(part)) {
        bytes = api.download(path, parameters, out);
      } catch (IOException e) {
        deleteQuietly(part);
        throw CliException.failure("cannot write " + part + ": " + e.getMessage());
      } catch (RuntimeException e) {
        deleteQuietly(part);
        throw e;
      }
      try {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteQuietly(part);
        throw CliException.failure("cannot rename " + part + " to " + target + ": " + e.getMessage());
      }
      PrintWriter err = mixee.commandLine().getErr();
      err.println("wrote " + bytes + " bytes to " + file);
      err.flush();
      return ExitCodes.OK;
    }
  }

  private static void deleteQuietly(Path part) {
    try {
      Files.deleteIfExists(part);
    } catch (IOException ignored) {
      // the export's own failure is the one to report
    }
  }

  /** Accepts the formats as the server spells them ({@code otlp-json}). */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.toString().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("expected one of jsonl, csv, otlp-json but was '" + value + "'");
    }
  }
}
