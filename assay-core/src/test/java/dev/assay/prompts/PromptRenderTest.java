package dev.assay.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Static rendering of mustache and f-string templates: values, escapes, paths and missing variables. */
class PromptRenderTest {

  static PromptVersion version(TemplateFormat format, String... userTexts) {
    List<PromptMessage> messages = new java.util.ArrayList<>();
    messages.add(PromptMessage.of("SYSTEM", "You answer questions."));
    for (String text : userTexts) {
      messages.add(PromptMessage.of("USER", text));
    }
    return new PromptVersion("v", "p", 1, "h", null, TemplateType.CHAT, format, messages, "OPEN_AI", "m", Map.of(),
        Map.of(), List.of(), Instant.EPOCH);
  }

  private static String user(RenderedPrompt r) {
    return r.messages().get(r.messages().size() - 1).content();
  }

  @Test
  void mustache_fillsVariables_withSpacingAndTripleBraces() {
    RenderedPrompt r = PromptService.render(version(TemplateFormat.MUSTACHE, "Q: {{question}} / {{ question }} / {{{raw}}}"),
        Map.of("question", "why?", "raw", "<b>"));
    assertEquals("Q: why? / why? / <b>", user(r));
    assertEquals(Set.of("question", "raw"), r.variables());
    assertTrue(r.complete());
    assertEquals("You answer questions.", r.messages().get(0).content());
    assertEquals("SYSTEM", r.messages().get(0).role());
  }

  @Test
  void mustache_dottedPathsIntoObjects_andNonTextAsJson() {
    Map<String, Object> vars = Map.of("user", Map.of("name", "Ada", "tags", List.of("x", "y")), "n", 3,
        "doc", Map.of("a", 1));
    RenderedPrompt r = PromptService.render(version(TemplateFormat.MUSTACHE,
        "{{user.name}} {{user.tags.1}} {{n}} {{doc}} {{user.age}}"), vars);
    assertEquals("Ada y 3 {\"a\":1} {{user.age}}", user(r));
    assertEquals(Set.of("user.age"), r.missing());
  }

  @Test
  void mustache_keysWithDotsWin_andSectionsAreKeptAsText() {
    RenderedPrompt r = PromptService.render(version(TemplateFormat.MUSTACHE, "{{a.b}} {{#list}}x{{/list}} {single}"),
        Map.of("a.b", "flat", "a", Map.of("b", "nested")));
    assertEquals("flat {{#list}}x{{/list}} {single}", user(r));
    assertEquals(Set.of("a.b"), r.variables());
  }

  @Test
  void fString_fillsVariables_andDoubledBracesAreLiteral() {
    RenderedPrompt r = PromptService.render(version(TemplateFormat.F_STRING,
        "Hello {name}! Reply as {{\"answer\": \"{name}\"}}"), Map.of("name", "Bo"));
    assertEquals("Hello Bo! Reply as {\"answer\": \"Bo\"}", user(r));
    assertTrue(r.complete());
  }

  @Test
  void fString_jsonAndOddBracesAreKept_noneIsFString() {
    RenderedPrompt r = PromptService.render(version(TemplateFormat.NONE, "{\"k\": 1} {x y} {ok} }"), Map.of("ok", "yes"));
    assertEquals("{\"k\": 1} {x y} yes }", user(r));
    assertEquals(Set.of("ok"), r.variables());
  }

  @Test
  void missingVariables_areListed_keptAsWritten_neverThrown() {
    RenderedPrompt r = PromptService.render(version(TemplateFormat.F_STRING, "{a} {b}", "{c}"), Map.of("b", "B"));
    assertEquals("{a} B", r.messages().get(1).content());
    assertEquals("{c}", r.messages().get(2).content());
    assertEquals(Set.of("a", "c"), r.missing());
    assertFalse(r.complete());
    Map<String, Object> withNull = new java.util.HashMap<>();
    withNull.put("a", null);
    assertEquals(Set.of("a", "b", "c"), PromptService.render(version(TemplateFormat.F_STRING, "{a} {b}", "{c}"),
        withNull).missing());
    assertEquals(List.of("a", "b", "c"), PromptService.variables(version(TemplateFormat.F_STRING, "{a} {b}", "{c} {a}")));
  }

  @Test
  void valuesAreNeverRescanned() {
    RenderedPrompt r = PromptService.render(version(TemplateFormat.MUSTACHE, "{{input}}"),
        Map.of("input", "{{secret}}", "secret", "leaked"));
    assertEquals("{{secret}}", user(r));
    RenderedPrompt f = PromptService.render(version(TemplateFormat.F_STRING, "{input}"),
        Map.of("input", "{secret}", "secret", "leaked"));
    assertEquals("{secret}", user(f));
  }

  @Test
  void assistantToolCallMessage_withoutContent_staysNull() {
    PromptVersion v = new PromptVersion("v", "p", 1, "h", null, TemplateType.CHAT, TemplateFormat.F_STRING,
        List.of(new PromptMessage("ASSISTANT", null, null, List.of(Map.of("id", "c1")))), "OPEN_AI", null, Map.of(),
        Map.of(), List.of(), Instant.EPOCH);
    assertEquals(null, PromptService.render(v, Map.of()).messages().get(0).content());
  }
}
