package dev.assay.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The response bodies {@link FakeModelServer} answers with, in each provider's shape; usage is characters / 4. */
final class FakeResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeResponses() {}

  static long tokens(String text) {
    return (text.length() + 3) / 4;
  }

  /** Arguments/JSON for a schema: label-like and enum properties get the label, other strings an explanation. */
  static ObjectNode fill(JsonNode schema, String reply) {
    ObjectNode out = JSON.createObjectNode();
    String label = reply.contains("LABEL: ") ? reply.substring(reply.lastIndexOf("LABEL: ") + 7).strip() : reply;
    Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode p = f.getValue();
      String type = p.path("type").asText("string");
      if (p.has("enum")) {
        boolean listed = false;
        for (JsonNode e : p.path("enum")) {
          listed |= e.asText().equals(label);
        }
        out.put(f.getKey(), listed ? label : p.path("enum").path(0).asText());
      } else if (type.equals("number") || type.equals("integer")) {
        out.put(f.getKey(), 1);
      } else if (type.equals("boolean")) {
        out.put(f.getKey(), true);
      } else if (f.getKey().toLowerCase(Locale.ROOT).contains("label")) {
        out.put(f.getKey(), label);
      } else {
        out.put(f.getKey(), "The fake model picks the first listed label.");
      }
    }
    return out;
  }

  static String openAi(JsonNode body, String prompt, String reply, boolean malformed) throws IOException {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    String finish = "stop";
    String completion = reply;
    JsonNode tools = body.path("tools");
    JsonNode schema = body.path("response_format").path("json_schema").path("schema");
    if (tools.isArray() && !tools.isEmpty() && !malformed) {
      JsonNode fn = tools.get(0).path("function");
      String args = fill(fn.path("parameters"), reply).toString();
      ArrayNode calls = message.putArray("tool_calls");
      calls.addObject().put("id", "call_1").put("type", "function").putObject("function")
          .put("name", fn.path("name").asText()).put("arguments", args);
      message.putNull("content");
      finish = "tool_calls";
      completion = args;
    } else if (!schema.isMissingNode() && !malformed) {
      completion = fill(schema, reply).toString();
      message.put("content", completion);
    } else {
      message.put("content", malformed ? "{\"label\": " + reply : reply);
    }
    ObjectNode out = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
        .put("created", System.currentTimeMillis() / 1000).put("model", body.path("model").asText());
    out.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
    out.putObject("usage").put("prompt_tokens", tokens(prompt)).put("completion_tokens", tokens(completion))
        .put("total_tokens", tokens(prompt) + tokens(completion));
    return JSON.writeValueAsString(out);
  }

  static String anthropic(JsonNode body, String prompt, String reply) throws IOException {
    ObjectNode out = JSON.createObjectNode().put("id", "msg_fake").put("type", "message").put("role", "assistant")
        .put("model", body.path("model").asText());
    ArrayNode content = out.putArray("content");
    JsonNode tools = body.path("tools");
    String completion = reply;
    if (tools.isArray() && !tools.isEmpty()) {
      ObjectNode input = fill(tools.get(0).path("input_schema"), reply);
      content.addObject().put("type", "tool_use").put("id", "toolu_fake").put("name", tools.get(0).path("name").asText())
          .set("input", input);
      out.put("stop_reason", "tool_use");
      completion = input.toString();
    } else {
      content.addObject().put("type", "text").put("text", reply);
      out.put("stop_reason", "end_turn");
    }
    out.putObject("usage").put("input_tokens", tokens(prompt)).put("output_tokens", tokens(completion));
    return JSON.writeValueAsString(out);
  }

  static String ollama(JsonNode body, String prompt, String reply) throws IOException {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    JsonNode tools = body.path("tools");
    String completion = reply;
    if (tools.isArray() && !tools.isEmpty()) {
      JsonNode fn = tools.get(0).path("function");
      ObjectNode args = fill(fn.path("parameters"), reply);
      message.put("content", "");
      message.putArray("tool_calls").addObject().putObject("function").put("name", fn.path("name").asText())
          .set("arguments", args);
      completion = args.toString();
    } else if (body.path("format").isObject()) {
      completion = fill(body.path("format"), reply).toString();
      message.put("content", completion);
    } else {
      message.put("content", reply);
    }
    ObjectNode out = JSON.createObjectNode().put("model", body.path("model").asText())
        .put("created_at", java.time.Instant.now().toString()).put("done", true).put("done_reason", "stop")
        .put("prompt_eval_count", tokens(prompt)).put("eval_count", tokens(completion));
    out.set("message", message);
    return JSON.writeValueAsString(out);
  }

  /** Deterministic vectors: words hashed into 64 buckets, so texts sharing words are close. */
  static String embeddings(JsonNode body) throws IOException {
    List<String> inputs = new ArrayList<>();
    JsonNode input = body.path("input");
    if (input.isArray()) {
      input.forEach(i -> inputs.add(i.asText()));
    } else {
      inputs.add(input.asText());
    }
    ObjectNode out = JSON.createObjectNode().put("object", "list").put("model", body.path("model").asText());
    ArrayNode data = out.putArray("data");
    long total = 0;
    for (int i = 0; i < inputs.size(); i++) {
      float[] v = new float[64];
      for (String word : inputs.get(i).toLowerCase(Locale.ROOT).split("\\W+")) {
        if (!word.isEmpty()) {
          v[Math.floorMod(word.hashCode(), v.length)] += 1;
        }
      }
      v[0] += 0.01f; // never the zero vector
      ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
      for (float x : v) {
        vector.add(x);
      }
      total += tokens(inputs.get(i));
    }
    out.putObject("usage").put("prompt_tokens", total).put("total_tokens", total);
    return JSON.writeValueAsString(out);
  }

  static String error(boolean anthropic, String code, String message) {
    ObjectNode out = JSON.createObjectNode();
    if (anthropic) {
      out.put("type", "error").putObject("error").put("type", code).put("message", message);
    } else {
      out.putObject("error").put("message", message).put("type", code).put("code", code);
    }
    return out.toString();
  }
}
