package dev.assay.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The built-in judge templates load and are well formed; custom templates are validated with clear messages. */
class JudgeTemplatesTest {
  private static final List<String> IDS = List.of("hallucination", "faithfulness", "qa_correctness",
      "document_relevance", "retrieval_relevance", "toxicity", "summarization", "conciseness", "refusal",
      "tool_selection", "tool_invocation", "tool_response_handling", "agent_goal_completion", "user_frustration");

  @Test
  void builtIn_loadsEveryTemplateInIndexOrder() {
    List<String> ids = JudgeTemplates.builtIn().all().stream().map(JudgeTemplate::id).toList();
    assertEquals(IDS, ids);
    assertEquals(SubjectKind.TRAJECTORY, JudgeTemplates.builtIn().find("agent_goal_completion").orElseThrow().granularity());
    assertEquals(SubjectKind.SESSION, JudgeTemplates.builtIn().find("user_frustration").orElseThrow().granularity());
    assertTrue(JudgeTemplates.builtIn().find("nope").isEmpty());
  }

  @Test
  void builtIn_everyPlaceholderIsADeclaredVariable_andEveryVariableIsUsed() {
    for (JudgeTemplate template : JudgeTemplates.builtIn().all()) {
      Set<String> used = TemplateRenderer.placeholders(template.messages());
      for (TemplateMessage message : template.messages()) {
        assertTrue(template.variables().containsAll(TemplateRenderer.placeholders(message.content())),
            template.id() + " uses an undeclared variable");
      }
      assertEquals(Set.copyOf(template.variables()), used, template.id());
      assertTrue(template.rails().size() >= 2, template.id());
      assertFalse(template.name().isBlank(), template.id());
      assertFalse(template.description().isBlank(), template.id());
      assertEquals("system", template.messages().getFirst().role(), template.id());
    }
  }

  @Test
  void builtIn_matchThePublicRails() {
    JudgeTemplates all = JudgeTemplates.builtIn();
    assertEquals(Map.of("hallucinated", 1.0, "grounded", 0.0), all.find("hallucination").orElseThrow().rails());
    assertEquals(Direction.MINIMIZE, all.find("hallucination").orElseThrow().direction());
    assertEquals(List.of("toxic", "non-toxic"), List.copyOf(all.find("toxicity").orElseThrow().rails().keySet()));
    assertEquals(Direction.NONE, all.find("refusal").orElseThrow().direction());
    assertEquals(List.of("input", "available_tools", "tool_selection"),
        all.find("tool_selection").orElseThrow().variables());
    assertEquals(List.of("complete", "partial", "incomplete"),
        List.copyOf(all.find("agent_goal_completion").orElseThrow().rails().keySet()));
  }

  /** Span content is untrusted: every placeholder sits alone inside a tag pair, and the system prompt says so. */
  @Test
  void builtIn_fenceEveryVariable_andTellTheJudgeItIsData() {
    Pattern fenced = Pattern.compile("<([a-z_]+)>\\n\\{([a-z_]+)}\\n</\\1>");
    for (JudgeTemplate template : JudgeTemplates.builtIn().all()) {
      String user = template.messages().stream().filter(m -> m.role().equals("user"))
          .map(TemplateMessage::content).reduce("", String::concat);
      Matcher m = fenced.matcher(user);
      int count = 0;
      while (m.find()) {
        count++;
      }
      assertEquals(TemplateRenderer.placeholders(user).size(), count, template.id() + ": a placeholder is not fenced");
      String system = template.messages().getFirst().content().toLowerCase();
      assertTrue(system.contains("data"), template.id());
      for (String label : template.rails().keySet()) {
        assertTrue(system.contains("- " + label + ":"), template.id() + " does not define label " + label);
      }
    }
  }

  @Test
  void toSpec_carriesTheTemplate() {
    JudgeTemplate template = JudgeTemplates.builtIn().find("qa_correctness").orElseThrow();
    ModelRef model = new ModelRef("cfg1", "gpt-4o-mini", Map.of());
    JudgeSpec spec = template.toSpec(null, model, Map.of("reference", "metadata.answer"), true);
    assertEquals("qa_correctness", spec.name());
    assertEquals("qa_correctness", spec.templateId());
    assertEquals(template.messages(), spec.messages());
    assertEquals(template.rails(), spec.rails());
    assertEquals(Direction.MAXIMIZE, spec.direction());
    assertEquals("metadata.answer", spec.mappings().get("reference"));
    assertTrue(spec.includeExplanation());
    assertEquals("qa", template.toSpec("qa", null, null, false).name());
  }

  @Test
  void parse_acceptsACustomTemplate() {
    JudgeTemplate template = JudgeTemplates.parse(custom("rails: {yes: 1, no: 0}", "{answer}"));
    assertEquals("politeness", template.id());
    assertEquals(List.of("yes", "no"), List.copyOf(template.rails().keySet()));
    assertEquals(List.of("answer"), template.variables());
    assertTrue(template.explanationByDefault());
  }

  @Test
  void parse_rejectsBadTemplates_withAClearMessage() {
    assertRejected(custom("rails: {yes: 1}", "{answer}"), "at least two labels");
    assertRejected(custom("rails: {yes: 1, no: 0}", "{answer} {question}"), "{question}, which is not in variables");
    assertRejected(custom("rails: {yes: 1, no: 0}", "nothing"), "'answer' is declared but no message uses");
    assertRejected(custom("rails: {yes: 1, no: 0}", "{answer} {\"a\": 1}"), "write '{{' and '}}' for literal braces");
    assertRejected(custom("rails: {yes: 1, no: 0}", "{answer} }"), "unmatched '}'");
    assertRejected(custom("rails: {yes: 1, Yes: 0}", "{answer}"), "appears twice");
    assertRejected(custom("rails: {yes: 1, no: 0}\ncolour: red", "{answer}"), "unknown field 'colour'");
    assertRejected(custom("rails: {yes: 1, no: 0}", "{answer}").replace("MAXIMIZE", "UP"),
        "one of MAXIMIZE, MINIMIZE, NONE");
    assertRejected(custom("rails: {yes: 1, no: 0}", "{answer}").replace("id: politeness", "id: Polite Ness"),
        "id must be lowercase");
    assertRejected("id: [unclosed", "not valid YAML");
    assertRejected("", "empty document");
  }

  private static void assertRejected(String yaml, String expected) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> JudgeTemplates.parse(yaml));
    assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
  }

  private static String custom(String rails, String userContent) {
    return """
        id: politeness
        name: Politeness
        description: Is the answer polite?
        granularity: SPAN
        direction: MAXIMIZE
        %s
        variables: [answer]
        messages:
          - role: system
            content: You judge politeness.
          - role: user
            content: '%s'
        """.formatted(rails, userContent);
  }
}
