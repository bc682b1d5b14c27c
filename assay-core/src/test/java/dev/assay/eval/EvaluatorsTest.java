package dev.assay.eval;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatcher builds each kind, and validation names what is wrong. */
class EvaluatorsTest {
  private static final List<TemplateMessage> MESSAGES = List.of(new TemplateMessage("user", "Is {output} correct?"));

  @Test
  void prepare_buildsTheEvaluatorOfEachKind() {
    assertInstanceOf(JudgeEvaluator.class, Evaluators.prepare(judge(MESSAGES, rails("correct", "incorrect"), Map.of()), null));
    assertInstanceOf(CodeEvaluator.class, Evaluators.prepare(
        new CodeSpec("c", null, null, CodeCheck.JSON_PARSEABLE, null, null, null), null));
    assertInstanceOf(EmbeddingEvaluator.class, Evaluators.prepare(
        new EmbeddingSpec("e", null, null, null, null, null, null), null));
    assertInstanceOf(HttpEvaluator.class, Evaluators.prepare(
        new HttpSpec("h", null, null, "https://grader.example/eval", null, null), dev.assay.testing.TestOutbound.environment()));
    assertInstanceOf(CommandEvaluator.class, Evaluators.prepare(
        new CommandSpec("x", null, null, List.of("python3", "grade.py"), null, null), null));
  }

  @Test
  void judges_needMessagesAndAtLeastTwoRails() {
    assertInvalid(judge(List.of(), rails("a", "b"), Map.of()), "at least one template message");
    assertInvalid(judge(MESSAGES, rails("yes"), Map.of()), "at least two rails");
    assertInvalid(judge(List.of(new TemplateMessage("robot", "x")), rails("a", "b"), Map.of()),
        "spec.messages[0].role must be one of");
    assertInvalid(judge(List.of(new TemplateMessage("user", "  ")), rails("a", "b"), Map.of()),
        "spec.messages[0].content must not be empty");
    // the judge's own placeholder check runs on save too, not only when the judge first runs
    assertInvalid(judge(List.of(new TemplateMessage("user", "Is {input correct?")), rails("a", "b"), Map.of()),
        "judge 'j': message 1");
  }

  @Test
  void mappings_mustNameAFieldOrAPath() {
    assertInvalid(judge(MESSAGES, rails("a", "b"), Map.of("output", "outptu")), "spec.mappings.output: 'outptu' is neither");
    assertInvalid(judge(MESSAGES, rails("a", "b"), Map.of("q", "input.$.[")), "spec.mappings.q: bad JSONPath");
  }

  @Test
  void everySpecNeedsAName() {
    assertInvalid(new CodeSpec(" ", null, null, CodeCheck.JSON_PARSEABLE, null, null, null), "spec.name must not be empty");
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(null));
  }

  private static JudgeSpec judge(List<TemplateMessage> messages, Map<String, Double> rails, Map<String, String> mappings) {
    return new JudgeSpec("j", null, mappings, null, messages, rails, Direction.MAXIMIZE, false, false, false, null);
  }

  private static Map<String, Double> rails(String... labels) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i++) {
      out.put(labels[i], i == 0 ? 1.0 : 0.0);
    }
    return out;
  }

  private static void assertInvalid(EvaluatorSpec spec, String expected) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Evaluators.validate(spec));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
