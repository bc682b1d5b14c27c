package dev.assay.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableBinderTest {
  private final Subject rich = Subjects.rich();

  @Test
  void namedFields_bindByTheVariablesOwnName() throws Exception {
    Map<String, String> b = VariableBinder.bind(rich, List.of("input", "output", "reference", "expected", "context",
        "document_text", "tool_call", "available_tools", "span_kind", "latency_ms", "total_tokens", "user_message", "text"),
        Map.of());

    assertEquals(rich.input(), b.get("input"));
    assertEquals("Paris", b.get("reference"));
    assertEquals("Paris", b.get("expected"));
    assertEquals("[1] Paris is the capital of France.\n\n[2] Lyon is in France.", b.get("context"));
    assertEquals("Paris is the capital of France.", b.get("document_text"));
    assertEquals("{\"name\":\"search\",\"arguments\":{\"q\":\"France\"},\"result\":\"Paris\"}", b.get("tool_call"));
    assertEquals("[{\"name\":\"search\",\"description\":\"Web search\",\"parameters\":{\"type\":\"object\"}}]",
        b.get("available_tools"));
    assertEquals("LLM", b.get("span_kind"));
    assertEquals("12.5", b.get("latency_ms"));
    assertEquals("120", b.get("total_tokens"));
    assertEquals("capital of France?", b.get("user_message"));
    assertEquals(rich.output(), b.get("text"));
  }

  @Test
  void conversation_ofASession_isUserAndAssistantLines() throws Exception {
    Subject session = SubjectBuilder.ofSession("p", "s", List.of());
    Subject withTurns = new Subject(SubjectKind.SESSION, "p", Evaluation.TargetKind.SESSION, "s", null, "hi", "bye", null,
        List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(new Subject.Turn("t1", "hi", "hello", 1), new Subject.Turn("t2", "thanks", "bye", 2)), null, null, null,
        null, null, null, null, null, null, false);

    assertEquals("user: hi\nassistant: hello\nuser: thanks\nassistant: bye",
        VariableBinder.bind(withTurns, List.of("conversation"), Map.of()).get("conversation"));
    assertEquals("thanks", VariableBinder.resolve(withTurns, "user_message"));
    UnboundVariableException e = assertThrows(UnboundVariableException.class,
        () -> VariableBinder.bind(session, List.of("conversation"), Map.of()));
    assertEquals("conversation", e.variable());
  }

  @Test
  void mappings_reachAttributesMetadataAndJsonPaths() throws Exception {
    Map<String, String> b = VariableBinder.bind(rich, List.of("model", "app", "channel", "flat", "question", "hint",
        "answer", "conf"), Map.of("model", "attributes.llm.model_name", "app", "metadata.app", "channel",
        "metadata.nested.channel", "flat", "metadata.a.b", "question", "input.$.question", "hint", "input.$.hints[1]",
        "answer", "output.$.answer", "conf", "output.$.confidence"));

    assertEquals("gpt-4o", b.get("model"));
    assertEquals("geo", b.get("app"));
    assertEquals("web", b.get("channel"));
    assertEquals("flat", b.get("flat"));
    assertEquals("capital of France?", b.get("question"));
    assertEquals("city", b.get("hint"));
    assertEquals("Paris", b.get("answer"));
    assertEquals("0.9", b.get("conf"));
    assertEquals(List.of("europe", "city"), VariableBinder.resolve(rich, "input.$.hints"));
    assertEquals(120, VariableBinder.resolve(rich, "attributes.llm.token_count.total"));
  }

  @Test
  void unboundVariables_sayWhich_andWhy() {
    Subject plain = Subjects.io("q", "a", null);

    assertMessage(plain, "reference", Map.of(), "variable 'reference' cannot be bound: field 'reference' is empty");
    assertMessage(plain, "ctx", Map.of("ctx", "context"), "variable 'ctx' cannot be bound: field 'context' is empty");
    assertMessage(rich, "q", Map.of("q", "input.$.missing"), "JSONPath '$.missing' not found in input");
    assertMessage(rich, "q", Map.of("q", "input.$.[oops"), "bad JSONPath '$.[oops'");
    assertMessage(plain, "q", Map.of("q", "input.$.x"), "not a JSON object or array");
    assertMessage(rich, "m", Map.of("m", "attributes.llm.nope"), "path 'attributes.llm.nope' has no value");
    assertMessage(rich, "questionn", Map.of(), "'questionn' is neither a subject field");
    assertNull(VariableBinder.resolve(plain, "reference"));
  }

  @Test
  void checkTarget_acceptsFieldsAndPaths_andExplainsTheRest() {
    assertNull(VariableBinder.checkTarget("context"));
    assertNull(VariableBinder.checkTarget("attributes.llm.model_name"));
    assertNull(VariableBinder.checkTarget("output.$.answer[0]"));
    assertTrue(VariableBinder.checkTarget("output.$.[").startsWith("bad JSONPath"));
    assertTrue(VariableBinder.checkTarget("outptu").contains("neither a subject field"));
  }

  private static void assertMessage(Subject s, String variable, Map<String, String> mappings, String expected) {
    UnboundVariableException e = assertThrows(UnboundVariableException.class,
        () -> VariableBinder.bind(s, List.of(variable), mappings));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(variable, e.variable());
  }
}
