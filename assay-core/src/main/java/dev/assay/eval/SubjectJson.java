package dev.assay.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject as the JSON object external evaluators (HTTP endpoints, commands) receive, snake_case like the API:
 * {@code {evaluator, variables, subject: {kind, target_kind, target_id, trace_id, input, output, reference,
 * context, messages, tools, tool_calls, steps, conversation, attributes, metadata, span_kind, status_code,
 * latency_ms, prompt_tokens, completion_tokens, total_tokens, cost}}}.
 */
final class SubjectJson {
  private SubjectJson() {}

  /** The request body for one subject: the evaluator's name, its bound variables and the subject's fields. */
  static String request(EvaluatorSpec spec, Subject s) throws UnboundVariableException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("evaluator", spec.name());
    body.put("variables", VariableBinder.bind(s, spec.mappings().keySet(), spec.mappings()));
    body.put("subject", subject(s));
    return EvalJson.write(body);
  }

  static Map<String, Object> subject(Subject s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", s.kind().name());
    m.put("project_id", s.projectId());
    m.put("target_kind", s.targetKind().name());
    m.put("target_id", s.targetId());
    m.put("trace_id", s.traceId());
    m.put("input", s.input());
    m.put("output", s.output());
    m.put("reference", s.reference());
    m.put("context", s.context().stream().map(d -> map("id", d.id(), "content", d.content(), "score", d.score(),
        "metadata", d.metadata())).toList());
    m.put("messages", s.messages().stream().map(VariableBinder::message).toList());
    m.put("tools", s.tools().stream().map(t -> map("name", t.name(), "description", t.description(),
        "parameters", parsedOrText(t.parametersJson()))).toList());
    m.put("tool_calls", s.toolCalls().stream().map(VariableBinder::toolCall).toList());
    m.put("steps", s.steps().stream().map(st -> map("span_id", st.spanId(), "parent_id", st.parentId(),
        "span_kind", st.spanKind(), "name", st.name(), "input", st.input(), "output", st.output(),
        "tool_name", st.toolName(), "tool_arguments", parsedOrText(st.toolArgumentsJson()), "error", st.error(),
        "start_time", st.startTime(), "end_time", st.endTime())).toList());
    m.put("conversation", s.conversation().stream().map(t -> map("trace_id", t.traceId(), "input", t.input(),
        "output", t.output(), "start_time", t.startTime())).toList());
    m.put("attributes", s.attributes());
    m.put("metadata", s.metadata());
    m.put("span_kind", s.spanKind());
    m.put("status_code", s.statusCode());
    m.put("latency_ms", s.latencyMs());
    m.put("prompt_tokens", s.promptTokens());
    m.put("completion_tokens", s.completionTokens());
    m.put("total_tokens", s.totalTokens());
    m.put("cost", s.cost());
    return m;
  }

  private static Object parsedOrText(String json) {
    Object parsed = EvalJson.parseOrNull(json);
    return parsed != null ? parsed : json;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * Reads an external evaluator's answer {@code {label?, score?, explanation?, passed?, metadata?}}.
   *
   * @param source who answered, for the message ("HTTP evaluator https://…", "command …")
   * @throws EvaluationException when it is not such a JSON object, names neither label nor score, or a field
   *     has the wrong type; the message quotes the start of the answer
   */
  static EvalOutcome outcome(String body, String source) throws EvaluationException {
    Map<String, Object> json = EvalJson.objectOrNull(body);
    if (json == null) {
      throw new EvaluationException(source + " did not answer with a JSON object: " + excerpt(body), body);
    }
    Object label = json.get("label");
    Object score = json.get("score");
    Object explanation = json.get("explanation");
    Object passed = json.get("passed");
    Object metadata = json.get("metadata");
    if (label != null && !(label instanceof String)) {
      throw bad(source, "label must be a string", body);
    }
    if (score != null && !(score instanceof Number n && Double.isFinite(n.doubleValue()))) {
      throw bad(source, "score must be a number", body);
    }
    if (explanation != null && !(explanation instanceof String)) {
      throw bad(source, "explanation must be a string", body);
    }
    if (passed != null && !(passed instanceof Boolean)) {
      throw bad(source, "passed must be true or false", body);
    }
    if (metadata != null && !(metadata instanceof Map<?, ?>)) {
      throw bad(source, "metadata must be an object", body);
    }
    if (label == null && score == null) {
      throw bad(source, "the answer needs a label or a score", body);
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    if (metadata != null) {
      // Outcome metadata is an immutable copy, which holds no null values.
      OpenInferenceAttributes.cast((Map<?, ?>) metadata).forEach((k, v) -> {
        if (v != null) {
          meta.put(k, v);
        }
      });
    }
    return new EvalOutcome((String) label, score == null ? null : ((Number) score).doubleValue(), (String) explanation,
        (Boolean) passed, meta);
  }

  private static EvaluationException bad(String source, String why, String body) {
    return new EvaluationException(source + ": " + why + " in " + excerpt(body), body);
  }

  /** The first 300 characters of a text, for messages. */
  static String excerpt(String text) {
    if (text == null || text.isEmpty()) {
      return "(empty)";
    }
    String t = text.strip();
    return t.length() <= 300 ? t : t.substring(0, 300) + "…";
  }
}
