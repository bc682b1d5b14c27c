package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The variables of a render or run: {@code --var name=value} (repeatable) over {@code --vars FILE}. */
public final class VariableOptions {
  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "A variable's value as text (repeatable); VALUE=@FILE reads a file.")
  List<String> vars = new ArrayList<>();

  @Option(names = "--vars", paramLabel = "FILE",
      description = "A JSON or YAML object of variables (objects allowed: {{user.name}} reads into them).")
  Path file;

  ObjectNode variables() {
    ObjectNode out = ApiClient.object();
    if (file != null) {
      try {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new ObjectMapper();
        JsonNode node = mapper.readTree(file.toFile());
        if (node == null || !node.isObject()) {
          throw CliException.usage(file + " must hold an object of variable values");
        }
        out.setAll((ObjectNode) node);
      } catch (IOException e) {
        throw CliException.usage("cannot read " + file + ": " + e.getMessage());
      }
    }
    for (String var : vars) {
      int eq = var.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("--var must be NAME=VALUE, e.g. question='What is Assay?'; got '" + var + "'");
      }
      String value = var.substring(eq + 1);
      if (value.startsWith("@")) {
        try {
          value = Files.readString(Path.of(value.substring(1)));
        } catch (IOException e) {
          throw CliException.usage("cannot read " + value.substring(1) + ": " + e.getMessage());
        }
      }
      out.put(var.substring(0, eq).strip(), value);
    }
    return out;
  }
}
