package dev.assay.eval;

import dev.assay.eval.Subject.Document;
import dev.assay.eval.Subject.Message;
import dev.assay.eval.Subject.Step;
import dev.assay.eval.Subject.ToolCall;
import dev.assay.eval.Subject.ToolDefinition;
import java.util.List;
import java.util.Map;

/** Hand-made subjects for unit tests of binding and checks (the store-backed tests use {@link StoredSpans}). */
final class Subjects {
  private Subjects() {}

  static Subject io(String input, String output, String reference) {
    return new Subject(SubjectKind.SPAN, "p1", Evaluation.TargetKind.SPAN, "s1", "t1", input, output, reference,
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), "LLM", "OK", 250.0,
        100L, 20L, 120L, 0.002, false);
  }

  /** A rich span: documents, messages, tools, a tool call, attributes and nested metadata. */
  static Subject rich() {
    return new Subject(SubjectKind.SPAN, "p1", Evaluation.TargetKind.SPAN, "s2", "t2",
        "{\"question\":\"capital of France?\",\"hints\":[\"europe\",\"city\"]}", "{\"answer\":\"Paris\",\"confidence\":0.9}",
        "Paris",
        List.of(new Document("d1", "Paris is the capital of France.", 0.9, null),
            new Document("d2", "Lyon is in France.", 0.5, null)),
        List.of(new Message("system", "Be brief.", List.of()), new Message("user", "capital of France?", List.of()),
            new Message("assistant", null, List.of(new ToolCall("c1", "search", "{\"q\":\"France\"}", null, null)))),
        List.of(new ToolDefinition("search", "Web search", "{\"type\":\"object\"}")),
        List.of(new ToolCall("c1", "search", "{\"q\":\"France\"}", "Paris", null)), List.of(), List.of(),
        Map.of("llm.model_name", "gpt-4o", "llm.token_count.total", 120),
        Map.of("app", "geo", "nested", Map.of("channel", "web"), "a.b", "flat"), "LLM", "OK", 12.5, 100L, 20L, 120L,
        null, false);
  }

  static Subject trajectory(List<Step> steps, List<ToolCall> calls) {
    return new Subject(SubjectKind.TRAJECTORY, "p1", Evaluation.TargetKind.TRACE, "t3", "t3", "do it", "done", null,
        List.of(), List.of(), List.of(), calls, steps, List.of(), Map.of(), Map.of(), "AGENT", "OK", 1000.0, null, null,
        null, null, false);
  }

  static Step toolStep(String name, String args, String output, String error) {
    return new Step("x" + name, "root", "TOOL", name, args, output, name, args, error, 1, 2);
  }
}
