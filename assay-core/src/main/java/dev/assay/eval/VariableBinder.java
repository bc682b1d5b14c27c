package dev.assay.eval;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import dev.assay.eval.Subject.Document;
import dev.assay.eval.Subject.Message;
import dev.assay.eval.Subject.Step;
import dev.assay.eval.Subject.ToolCall;
import dev.assay.eval.Subject.ToolDefinition;
import dev.assay.eval.Subject.Turn;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds template variables (and code checks' inputs) to a subject's fields. A variable binds through its
 * mapping when it has one, else to the field of its own name. What can be bound:
 *
 * <ul>
 *   <li>named fields: {@value #FIELD_LIST};
 *   <li>paths: {@code attributes.<flattened key>}, {@code metadata.<key>} (dots walk into nested objects when
 *       the whole key is not present), {@code input.$.<jsonpath>}, {@code output.$.…}, {@code reference.$.…}
 *       (JSONPath into that field's JSON text).
 * </ul>
 *
 * <p>Lists and maps render as JSON text. A field that is absent on the subject (null, or an empty list) cannot be
 * bound: {@link #bind} throws {@link UnboundVariableException} naming the variable and the reason.
 */
public final class VariableBinder {
  static final String FIELD_LIST = "input, output, reference (expected), context, document_text, messages, "
      + "conversation, tool_calls (tool_selection), available_tools, tool_call, tool_result, steps (trajectory), "
      + "user_message, text, span_kind, status_code, latency_ms, total_tokens, cost, metadata, attributes";
  /** The named fields, for validation and for clients that offer them. */
  public static final Set<String> FIELDS = Set.of("input", "output", "reference", "expected", "context",
      "document_text", "messages", "conversation", "tool_calls", "tool_selection", "available_tools", "tool_call",
      "tool_result", "steps", "trajectory", "user_message", "text", "span_kind", "status_code", "latency_ms",
      "total_tokens", "cost", "metadata", "attributes");
  /** The default provider reads parsed maps and lists; missing paths throw, so the message can name the path. */
  private static final Configuration JSON_PATH = Configuration.defaultConfiguration();

  private VariableBinder() {}

  /**
   * The text value of each variable, in the order given.
   *
   * @param mappings variable → field or path; variables without one bind to the field of their own name
   * @throws UnboundVariableException for the first variable that cannot be bound, naming it and why
   */
  public static Map<String, String> bind(Subject subject, Collection<String> variables, Map<String, String> mappings)
      throws UnboundVariableException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String variable : variables) {
      out.put(variable, EvalJson.text(value(subject, variable, mappings)));
    }
    return out;
  }

  /** One variable's value through its mapping (else its own name); {@link UnboundVariableException} when absent. */
  static Object value(Subject subject, String variable, Map<String, String> mappings) throws UnboundVariableException {
    String target = mappings == null ? null : mappings.get(variable);
    return resolveChecked(subject, variable, target == null || target.isBlank() ? variable : target.strip());
  }

  /** One value (field name or path) as a JSON-compatible object (String, Number, List, Map), or null when absent. */
  public static Object resolve(Subject subject, String fieldOrPath) {
    try {
      return resolveChecked(subject, fieldOrPath, fieldOrPath);
    } catch (UnboundVariableException e) {
      return null;
    }
  }

  /**
   * Checks that a mapping target is a known field or a well-formed path, without a subject (for validation).
   *
   * @return null when it is fine, else why not
   */
  public static String checkTarget(String fieldOrPath) {
    if (fieldOrPath == null || fieldOrPath.isBlank()) {
      return "it is empty";
    }
    String ref = fieldOrPath.strip();
    if (FIELDS.contains(ref)) {
      return null;
    }
    for (String field : List.of("input", "output", "reference", "expected")) {
      if (ref.startsWith(field + ".$")) {
        try {
          JsonPath.compile(ref.substring(field.length() + 1));
          return null;
        } catch (InvalidPathException e) {
          return "bad JSONPath '" + ref.substring(field.length() + 1) + "': " + e.getMessage();
        }
      }
    }
    if ((ref.startsWith("attributes.") || ref.startsWith("metadata.")) && !ref.endsWith(".")) {
      return null;
    }
    return "'" + ref + "' is neither a subject field (" + FIELD_LIST + ") nor a path (attributes.<key>, "
        + "metadata.<key>, input.$.<jsonpath>, output.$.…, reference.$.…)";
  }

  static Object resolveChecked(Subject s, String variable, String ref) throws UnboundVariableException {
    Object value = switch (ref) {
      case "input" -> s.input();
      case "output" -> s.output();
      case "reference", "expected" -> s.reference();
      case "context" -> numberedDocuments(s.context());
      case "document_text" -> s.context().isEmpty() ? null : s.context().getFirst().content();
      case "messages" -> s.messages().isEmpty() ? null : s.messages().stream().map(VariableBinder::message).toList();
      case "conversation" -> conversation(s);
      case "tool_calls", "tool_selection" -> s.toolCalls().isEmpty() ? null
          : s.toolCalls().stream().map(VariableBinder::toolCall).toList();
      case "available_tools" -> s.tools().isEmpty() ? null : s.tools().stream().map(VariableBinder::tool).toList();
      case "tool_call" -> s.toolCalls().isEmpty() ? null : toolCall(s.toolCalls().getFirst());
      case "tool_result" -> toolResult(s);
      case "steps", "trajectory" -> numberedSteps(s.steps());
      case "user_message" -> userMessage(s);
      case "text" -> s.output() != null ? s.output() : s.input();
      case "span_kind" -> s.spanKind();
      case "status_code" -> s.statusCode();
      case "latency_ms" -> s.latencyMs();
      case "total_tokens" -> s.totalTokens();
      case "cost" -> s.cost();
      case "metadata" -> s.metadata().isEmpty() ? null : s.metadata();
      case "attributes" -> s.attributes().isEmpty() ? null : s.attributes();
      default -> path(s, variable, ref);
    };
    if (value == null || value instanceof Collection<?> c && c.isEmpty()) {
      throw new UnboundVariableException(variable, FIELDS.contains(ref)
          ? "field '" + ref + "' is empty on this " + s.kind() + " subject (" + s.targetKind() + " " + s.targetId() + ")"
          : "path '" + ref + "' has no value on this " + s.kind() + " subject (" + s.targetKind() + " " + s.targetId() + ")");
    }
    return value;
  }

  private static Object path(Subject s, String variable, String ref) throws UnboundVariableException {
    if (ref.startsWith("attributes.")) {
      return s.attributes().get(ref.substring("attributes.".length()));
    }
    if (ref.startsWith("metadata.")) {
      return walk(s.metadata(), ref.substring("metadata.".length()));
    }
    for (String field : List.of("input", "output", "reference", "expected")) {
      if (ref.startsWith(field + ".$")) {
        String text = field.equals("input") ? s.input() : field.equals("output") ? s.output() : s.reference();
        return jsonPath(variable, field, text, ref.substring(field.length() + 1));
      }
    }
    throw new UnboundVariableException(variable, checkTarget(ref));
  }

  private static Object jsonPath(String variable, String field, String text, String path)
      throws UnboundVariableException {
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(path);
    } catch (InvalidPathException e) {
      throw new UnboundVariableException(variable, "bad JSONPath '" + path + "': " + e.getMessage());
    }
    if (text == null) {
      throw new UnboundVariableException(variable, "field '" + field + "' is empty, so '" + path + "' has no value");
    }
    Object json = EvalJson.parseOrNull(text);
    if (!(json instanceof Map || json instanceof List)) {
      throw new UnboundVariableException(variable, "field '" + field + "' is not a JSON object or array, so JSONPath '"
          + path + "' cannot read it");
    }
    try {
      return compiled.read(json, JSON_PATH);
    } catch (PathNotFoundException e) {
      throw new UnboundVariableException(variable, "JSONPath '" + path + "' not found in " + field + ": " + e.getMessage());
    } catch (InvalidPathException e) {
      throw new UnboundVariableException(variable, "bad JSONPath '" + path + "': " + e.getMessage());
    }
  }

  /** {@code a.b.c}: the whole key first (flattened metadata), else one level at a time. */
  private static Object walk(Map<String, Object> map, String key) {
    if (map.containsKey(key)) {
      return map.get(key);
    }
    int dot = key.indexOf('.');
    while (dot > 0) {
      if (map.get(key.substring(0, dot)) instanceof Map<?, ?> inner) {
        Object v = walk(OpenInferenceAttributes.cast(inner), key.substring(dot + 1));
        if (v != null) {
          return v;
        }
      }
      dot = key.indexOf('.', dot + 1);
    }
    return null;
  }

  private static String numberedDocuments(List<Document> docs) {
    if (docs.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      sb.append(i == 0 ? "" : "\n\n").append('[').append(i + 1).append("] ")
          .append(docs.get(i).content() == null ? "" : docs.get(i).content());
    }
    return sb.toString();
  }

  private static String conversation(Subject s) {
    StringBuilder sb = new StringBuilder();
    if (!s.conversation().isEmpty()) {
      for (Turn t : s.conversation()) {
        line(sb, "user", t.input());
        line(sb, "assistant", t.output());
      }
    } else {
      for (Message m : s.messages()) {
        if (!"system".equals(m.role())) {
          line(sb, m.role() == null ? "unknown" : m.role(), m.content());
        }
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  private static void line(StringBuilder sb, String role, String text) {
    if (text != null) {
      sb.append(sb.isEmpty() ? "" : "\n").append(role).append(": ").append(text);
    }
  }

  private static String userMessage(Subject s) {
    if (!s.conversation().isEmpty()) {
      for (int i = s.conversation().size() - 1; i >= 0; i--) {
        if (s.conversation().get(i).input() != null) {
          return s.conversation().get(i).input();
        }
      }
    }
    for (int i = s.messages().size() - 1; i >= 0; i--) {
      if ("user".equals(s.messages().get(i).role()) && s.messages().get(i).content() != null) {
        return s.messages().get(i).content();
      }
    }
    return s.input();
  }

  private static Object toolResult(Subject s) {
    for (ToolCall c : s.toolCalls()) {
      if (c.result() != null) {
        return c.result();
      }
      if (c.error() != null) {
        return "error: " + c.error();
      }
    }
    return "TOOL".equals(s.spanKind()) ? s.output() : null;
  }

  private static String numberedSteps(List<Step> steps) {
    if (steps.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      Step st = steps.get(i);
      sb.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(st.spanKind()).append(' ').append(st.name());
      if (st.toolName() != null) {
        sb.append("\n   tool: ").append(st.toolName()).append(" arguments: ")
            .append(st.toolArgumentsJson() == null ? "{}" : st.toolArgumentsJson());
      } else if (st.input() != null) {
        sb.append("\n   input: ").append(st.input());
      }
      if (st.error() != null) {
        sb.append("\n   error: ").append(st.error());
      } else if (st.output() != null) {
        sb.append("\n   output: ").append(st.output());
      }
    }
    return sb.toString();
  }

  static Map<String, Object> message(Message m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", m.role());
    out.put("content", m.content());
    if (!m.toolCalls().isEmpty()) {
      out.put("tool_calls", m.toolCalls().stream().map(VariableBinder::toolCall).toList());
    }
    return out;
  }

  /** A tool call as JSON: arguments parsed when they are JSON, result and error only when present. */
  static Map<String, Object> toolCall(ToolCall c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    Object args = EvalJson.parseOrNull(c.argumentsJson());
    out.put("arguments", args != null ? args : c.argumentsJson());
    if (c.result() != null) {
      out.put("result", c.result());
    }
    if (c.error() != null) {
      out.put("error", c.error());
    }
    return out;
  }

  private static Map<String, Object> tool(ToolDefinition t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", t.name());
    out.put("description", t.description());
    Object params = EvalJson.parseOrNull(t.parametersJson());
    out.put("parameters", params != null ? params : t.parametersJson());
    return out;
  }
}
