package dev.assay.eval;

import dev.assay.eval.Subject.Document;
import dev.assay.eval.Subject.Message;
import dev.assay.eval.Subject.ToolCall;
import dev.assay.eval.Subject.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the OpenInference groups a subject needs out of a span's flattened attribute map
 * ({@code llm.input_messages.N.message.*}, {@code llm.tools.N.tool.json_schema},
 * {@code retrieval.documents.N.document.*}, {@code tool.*}). Lists arrive flattened with zero-based
 * indices; each group is gathered by its prefix in one pass over the map.
 */
final class OpenInferenceAttributes {
  private OpenInferenceAttributes() {}

  /**
   * The entries under {@code prefix.N.}, grouped by N in index order, each group keyed by the rest of the key
   * ({@code llm.input_messages.0.message.role} → {@code 0 → {message.role → …}}).
   */
  static TreeMap<Integer, Map<String, Object>> indexed(Map<String, Object> attrs, String prefix) {
    TreeMap<Integer, Map<String, Object>> out = new TreeMap<>();
    String p = prefix + ".";
    for (Map.Entry<String, Object> e : attrs.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(p)) {
        continue;
      }
      int dot = key.indexOf('.', p.length());
      if (dot < 0) {
        continue;
      }
      int index;
      try {
        index = Integer.parseInt(key, p.length(), dot, 10);
      } catch (NumberFormatException ex) {
        continue;
      }
      out.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(key.substring(dot + 1), e.getValue());
    }
    return out;
  }

  /** Input messages then output messages, each with the tool calls it makes. */
  static List<Message> messages(Map<String, Object> attrs) {
    List<Message> out = new ArrayList<>(messageList(attrs, "llm.input_messages"));
    out.addAll(messageList(attrs, "llm.output_messages"));
    if (out.isEmpty()) {
      // The completions API: prompts in, choices out.
      for (Map<String, Object> p : indexed(attrs, "llm.prompts").values()) {
        out.add(new Message("user", str(p.get("prompt.text")), List.of()));
      }
      for (Map<String, Object> c : indexed(attrs, "llm.choices").values()) {
        out.add(new Message("assistant", str(c.get("completion.text")), List.of()));
      }
    }
    return out;
  }

  static List<Message> messageList(Map<String, Object> attrs, String prefix) {
    List<Message> out = new ArrayList<>();
    for (Map<String, Object> m : indexed(attrs, prefix).values()) {
      String content = str(m.get("message.content"));
      if (content == null) {
        content = contentParts(m);
      }
      out.add(new Message(str(m.get("message.role")), content, toolCalls(m)));
    }
    return out;
  }

  /** The text parts of a multi-part message ({@code message.contents.M.message_content.text}), joined. */
  private static String contentParts(Map<String, Object> message) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> part : indexed(message, "message.contents").values()) {
      String text = str(part.get("message_content.text"));
      if (text != null) {
        sb.append(sb.isEmpty() ? "" : "\n").append(text);
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  /** The tool calls one message makes: {@code message.tool_calls.K.tool_call.*}, content parts, legacy function_call. */
  private static List<ToolCall> toolCalls(Map<String, Object> message) {
    List<ToolCall> out = new ArrayList<>();
    for (Map<String, Object> c : indexed(message, "message.tool_calls").values()) {
      out.add(new ToolCall(str(c.get("tool_call.id")), str(c.get("tool_call.function.name")),
          str(c.get("tool_call.function.arguments")), null, null));
    }
    for (Map<String, Object> part : indexed(message, "message.contents").values()) {
      if (part.containsKey("tool_call.function.name")) {
        out.add(new ToolCall(str(part.get("tool_call.id")), str(part.get("tool_call.function.name")),
            str(part.get("tool_call.function.arguments")), null, null));
      }
    }
    if (out.isEmpty() && message.get("message.function_call_name") != null) {
      out.add(new ToolCall(null, str(message.get("message.function_call_name")),
          str(message.get("message.function_call_arguments_json")), null, null));
    }
    return out;
  }

  /** The tool calls the model made in its output messages. */
  static List<ToolCall> outputToolCalls(Map<String, Object> attrs) {
    List<ToolCall> out = new ArrayList<>();
    for (Message m : messageList(attrs, "llm.output_messages")) {
      out.addAll(m.toolCalls());
    }
    if (out.isEmpty() && attrs.get("llm.function_call") != null) {
      Map<String, Object> call = EvalJson.objectOrNull(str(attrs.get("llm.function_call")));
      if (call != null && call.get("name") != null) {
        out.add(new ToolCall(null, str(call.get("name")), EvalJson.text(call.get("arguments")), null, null));
      }
    }
    return out;
  }

  /** The tools offered to the model: OpenAI ({@code {type, function: {...}}}) or Anthropic ({@code input_schema}) shape. */
  static List<ToolDefinition> tools(Map<String, Object> attrs) {
    List<ToolDefinition> out = new ArrayList<>();
    for (Map<String, Object> t : indexed(attrs, "llm.tools").values()) {
      String schema = str(t.get("tool.json_schema"));
      Map<String, Object> json = EvalJson.objectOrNull(schema);
      if (json == null) {
        if (t.get("tool.name") != null) {
          out.add(new ToolDefinition(str(t.get("tool.name")), str(t.get("tool.description")),
              str(t.get("tool.parameters"))));
        }
        continue;
      }
      Map<String, Object> fn = json.get("function") instanceof Map<?, ?> f ? cast(f) : json;
      Object params = fn.get("parameters") != null ? fn.get("parameters") : fn.get("input_schema");
      out.add(new ToolDefinition(str(fn.get("name")), str(fn.get("description")), EvalJson.text(params)));
    }
    return out;
  }

  /** Retrieved documents in rank order ({@code retrieval.documents}, else a reranker's output documents). */
  static List<Document> documents(Map<String, Object> attrs) {
    TreeMap<Integer, Map<String, Object>> docs = indexed(attrs, "retrieval.documents");
    if (docs.isEmpty()) {
      docs = indexed(attrs, "reranker.output_documents");
    }
    List<Document> out = new ArrayList<>(docs.size());
    for (Map<String, Object> d : docs.values()) {
      Object meta = d.get("document.metadata");
      Map<String, Object> metadata = meta instanceof Map<?, ?> m ? cast(m) : EvalJson.objectOrNull(str(meta));
      out.add(new Document(str(d.get("document.id")), str(d.get("document.content")),
          d.get("document.score") instanceof Number n ? n.doubleValue() : null, metadata));
    }
    return out;
  }

  static String str(Object value) {
    return EvalJson.text(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
