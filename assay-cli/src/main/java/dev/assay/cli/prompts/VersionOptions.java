package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/**
 * The content of a new prompt version: {@code --message role=text} (repeatable) or {@code --file} (JSON or YAML in
 * the API's version shape), with flags overriding the file. Builds AX's {@code PromptVersionCreateRequest}; the
 * server checks roles, provider and parameters and names the bad field.
 */
public final class VersionOptions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  @Option(names = "--message", paramLabel = "ROLE=TEXT",
      description = "A message (repeatable, in order): system=…, user=…, assistant=…; TEXT=@FILE reads a file.")
  List<String> messages = new ArrayList<>();

  @Option(names = "--file", paramLabel = "FILE",
      description = "JSON or YAML with messages (and optionally input_variable_format, provider, model, "
          + "invocation_params, provider_params, template_type).")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Variable syntax: mustache ({{var}}) or f-string ({var}, the default).")
  String format;

  @Option(names = "--provider", paramLabel = "PROVIDER",
      description = "OPEN_AI (default), AZURE_OPEN_AI, ANTHROPIC, AWS_BEDROCK, VERTEX_AI or CUSTOM.")
  String provider;

  @Option(names = "--model", paramLabel = "MODEL", description = "The model the version is meant for.")
  String model;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "An invocation parameter (repeatable): temperature=0.2, max_tokens=200; VALUE is JSON when it parses.")
  List<String> params = new ArrayList<>();

  @Option(names = {"-c", "--commit-message"}, paramLabel = "TEXT", description = "What changed in this version.")
  String commitMessage;

  /** The version body; {@code defaultCommit} when no commit message was given. */
  ObjectNode body(String defaultCommit) {
    ObjectNode body = file == null ? ApiClient.object() : readFile(file);
    if (!messages.isEmpty()) {
      ArrayNode list = body.putArray("messages");
      for (String message : messages) {
        list.add(message(message));
      }
    }
    if (!body.has("messages") || body.get("messages").isEmpty()) {
      throw CliException.usage("give the prompt's messages: --message user='Hello {name}' (repeatable) or --file");
    }
    if (format != null) {
      String f = format.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      if (!f.equals("MUSTACHE") && !f.equals("F_STRING")) {
        throw CliException.usage("--format must be mustache or f-string, not '" + format + "'");
      }
      body.put("input_variable_format", f);
    }
    if (provider != null) {
      body.put("provider", provider.strip().toUpperCase(Locale.ROOT));
    } else if (!body.has("provider")) {
      body.put("provider", "OPEN_AI");
    }
    if (model != null) {
      body.put("model", model);
    }
    if (!params.isEmpty()) {
      ObjectNode invocation = body.has("invocation_params") && body.get("invocation_params").isObject()
          ? (ObjectNode) body.get("invocation_params") : body.putObject("invocation_params");
      for (String param : params) {
        int eq = param.indexOf('=');
        if (eq <= 0) {
          throw CliException.usage("--param must be KEY=VALUE, e.g. temperature=0.2; got '" + param + "'");
        }
        invocation.set(param.substring(0, eq).strip(), value(param.substring(eq + 1)));
      }
    }
    if (commitMessage != null) {
      body.put("commit_message", commitMessage);
    } else if (!body.hasNonNull("commit_message")) {
      body.put("commit_message", defaultCommit);
    }
    return body;
  }

  private static ObjectNode message(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw CliException.usage("--message must be ROLE=TEXT, e.g. user='Summarise {text}'; got '" + spec + "'");
    }
    String text = spec.substring(eq + 1);
    if (text.startsWith("@")) {
      try {
        text = Files.readString(Path.of(text.substring(1)));
      } catch (IOException e) {
        throw CliException.usage("cannot read message file " + text.substring(1) + ": " + e.getMessage());
      }
    }
    ObjectNode m = ApiClient.object();
    m.put("role", spec.substring(0, eq).strip().toUpperCase(Locale.ROOT));
    m.put("content", text);
    return m;
  }

  /** JSON when it parses (numbers, booleans, arrays, objects), else the text itself. */
  static JsonNode value(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static ObjectNode readFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      JsonNode node = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML.readTree(file.toFile())
          : JSON.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw CliException.usage(file + " must hold an object with messages");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }
}
