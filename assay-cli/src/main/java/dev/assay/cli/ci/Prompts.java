package dev.assay.cli.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ci.EvalConfig.PromptDef;
import dev.assay.prompts.PromptDrafts;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.PromptVersionDraft;
import dev.assay.shared.InvalidInputException;
import dev.assay.prompts.TemplateFormat;
import dev.assay.prompts.TemplateType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code prompts:} entries: a text template, chat messages, a file ({@code .txt}/{@code .md} text, or
 * {@code .yaml}/{@code .json} messages), or a prompt stored on the server.
 */
final class Prompts {
  private final YamlTree yaml;
  private final Path dir;

  Prompts(YamlTree yaml, Path dir) {
    this.yaml = yaml;
    this.dir = dir;
  }

  List<PromptDef> read(JsonNode prompts) {
    List<PromptDef> out = new ArrayList<>();
    if (!prompts.isArray() || prompts.isEmpty()) {
      yaml.error("/prompts", "prompts must be a non-empty list, got " + YamlTree.kind(prompts));
      return out;
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < prompts.size(); i++) {
      String at = "/prompts/" + i;
      PromptDef def = valid(at, one(at, prompts.get(i), "prompt-" + (i + 1)));
      if (def != null) {
        if (!labels.add(def.label())) {
          yaml.error(at, YamlTree.path(at) + ": another prompt is labelled '" + def.label() + "'");
        }
        out.add(def);
      }
    }
    return out;
  }

  /** The checks the server makes on a new version (roles, template syntax), so a bad template exits 2 here. */
  private PromptDef valid(String at, PromptDef def) {
    if (def instanceof PromptDef.Inline p) {
      try {
        PromptDrafts.validate(new PromptVersionDraft("assay eval", p.type(), p.format(), p.messages(), "OPEN_AI",
            null, Map.of(), Map.of()));
      } catch (InvalidInputException e) {
        yaml.error(at, YamlTree.path(at) + " ('" + p.label() + "'): " + e.getMessage());
        return null;
      }
    }
    return def;
  }

  private PromptDef one(String at, JsonNode p, String defaultLabel) {
    if (p.isTextual()) {
      return text(defaultLabel, TemplateFormat.MUSTACHE, p.asText());
    }
    if (!p.isObject()) {
      yaml.error(at, YamlTree.path(at) + " must be text or a mapping (messages, text, file or prompt), got "
          + YamlTree.kind(p));
      return null;
    }
    yaml.onlyKeys(p, at, YamlTree.keys("label", "messages", "text", "file", "format", "prompt", "prompt_label",
        "version"));
    String label = yaml.text(p, at, "label", false);
    label = label == null ? defaultLabel : label;
    int sources = (p.has("messages") ? 1 : 0) + (p.has("text") ? 1 : 0) + (p.has("file") ? 1 : 0)
        + (p.has("prompt") ? 1 : 0);
    if (sources != 1) {
      yaml.error(at, YamlTree.path(at) + " needs exactly one of 'messages', 'text', 'file' and 'prompt'");
      return null;
    }
    TemplateFormat format = EvalConfigLoader.format(yaml, at, p);
    if (p.has("prompt")) {
      String name = yaml.text(p, at, "prompt", true);
      return name == null ? null : new PromptDef.Stored(label, name, yaml.text(p, at, "prompt_label", false),
          yaml.text(p, at, "version", false));
    }
    if (p.has("text")) {
      String text = yaml.text(p, at, "text", true);
      return text == null ? null : text(label, format, text);
    }
    if (p.has("messages")) {
      List<PromptMessage> messages = EvalConfigLoader.messages(yaml, at + "/messages", p.get("messages"));
      return messages.isEmpty() ? null : new PromptDef.Inline(label, TemplateType.CHAT, format, messages);
    }
    String fileName = yaml.text(p, at, "file", true);
    Path path = fileName == null ? null : resolve(at + "/file", fileName);
    if (path == null) {
      return null;
    }
    if (!p.has("label")) {
      String base = path.getFileName().toString();
      label = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
    }
    return file(at + "/file", label, format, path);
  }

  private static PromptDef text(String label, TemplateFormat format, String text) {
    return new PromptDef.Inline(label, TemplateType.STR, format, List.of(PromptMessage.of("USER", text)));
  }

  private Path resolve(String pointer, String name) {
    String stripped = name.startsWith("file://") ? name.substring("file://".length()) : name;
    Path path = dir.resolve(stripped).normalize();
    if (!Files.isRegularFile(path)) {
      yaml.error(pointer, "prompt file '" + name + "' does not exist (looked at " + path + ")");
      return null;
    }
    return path;
  }

  /** A prompt file: its own YAML/JSON list of messages (errors point into that file), or text. */
  private PromptDef file(String pointer, String label, TemplateFormat format, Path path) {
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      yaml.error(pointer, "cannot read prompt file " + path + ": " + e.getMessage());
      return null;
    }
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
      return content.isBlank() ? null : text(label, format, content);
    }
    YamlTree inner;
    try {
      inner = YamlTree.parse(path.toString(), content);
    } catch (EvalConfigException e) {
      e.problems().forEach(problem -> yaml.error(pointer, "in the prompt file: " + problem));
      return null;
    }
    JsonNode root = inner.root();
    String listPointer = root != null && root.isObject() ? "/messages" : "";
    JsonNode list = root != null && root.isObject() ? root.get("messages") : root;
    List<PromptMessage> messages = EvalConfigLoader.messages(inner, listPointer, list);
    inner.errors().forEach(problem -> yaml.error(pointer, "in the prompt file: " + problem));
    return messages.isEmpty() || inner.hasErrors() ? null
        : new PromptDef.Inline(label, TemplateType.CHAT, format, messages);
  }
}
