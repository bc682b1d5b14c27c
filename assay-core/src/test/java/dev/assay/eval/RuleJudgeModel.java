package dev.assay.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.llm.ChatModel;
import dev.assay.llm.ChatRequest;
import dev.assay.llm.ChatResponse;
import dev.assay.llm.Embedder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A judge model for tests that decides by rule from the rendered prompt, standing in for the fake model server:
 * it answers in the shape the request asks for (the JSON schema's object, the tool's arguments, or
 * "EXPLANATION: … / LABEL: …" text) and keeps every request for assertions.
 */
final class RuleJudgeModel implements ChatModel, EvalEnvironment {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the rule decided. */
  record Verdict(String label, String explanation) {}

  private final Function<String, Verdict> rule;
  final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  RuleJudgeModel(Function<String, Verdict> rule) {
    this.rule = rule;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    requests.add(request);
    StringBuilder prompt = new StringBuilder();
    request.messages().forEach(m -> prompt.append(m.content()).append('\n'));
    Verdict verdict = rule.apply(prompt.toString());
    long in = prompt.length() / 4;
    ObjectNode answer = JSON.createObjectNode();
    answer.put("explanation", verdict.explanation());
    answer.put("label", verdict.label());
    if (request.responseSchemaJson() != null) {
      return new ChatResponse(answer.toString(), null, in, 20, answer.toString(), 1, false);
    }
    if (request.tool() != null) {
      return new ChatResponse(null, answer.toString(), in, 20, answer.toString(), 1, false);
    }
    String text = "EXPLANATION: " + verdict.explanation() + "\nLABEL: " + verdict.label();
    return new ChatResponse(text, null, in, 20, text, 1, false);
  }

  /** The text between {@code <tag>} and {@code </tag>} in a prompt (the fenced value), or null. */
  static String section(String prompt, String tag) {
    int open = prompt.indexOf("<" + tag + ">\n");
    int close = prompt.indexOf("\n</" + tag + ">", open + 1);
    return open < 0 || close < 0 ? null : prompt.substring(open + tag.length() + 3, close);
  }

  @Override
  public ChatModel chatModel(ModelRef ref) throws EvaluationException {
    if (ref == null) {
      throw new EvaluationException("no model");
    }
    return this;
  }

  @Override
  public Embedder embedder(ModelRef ref) {
    throw new UnsupportedOperationException("judges do not embed");
  }

  ChatRequest lastRequest() {
    return requests.getLast();
  }

  String lastPrompt() {
    StringBuilder prompt = new StringBuilder();
    lastRequest().messages().forEach(m -> prompt.append(m.content()).append('\n'));
    return prompt.toString();
  }
}
