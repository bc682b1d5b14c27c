package dev.assay.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.llm.ChatResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeOutputParserTest {
  private static final Map<String, Double> TOXICITY = rails("toxic", 1.0, "non-toxic", 0.0);
  private static final Map<String, Double> QA = rails("correct", 1.0, "incorrect", 0.0);
  private static final Map<String, Double> GOAL = rails("complete", 1.0, "partial", 0.5, "incomplete", 0.0);

  @Test
  void structured_wholeTextIsTheSchemaObject() throws Exception {
    var j = parse(QA, text("{\"explanation\": \"matches the reference\", \"label\": \"correct\"}"), true);
    assertEquals(new JudgeOutputParser.Judgement("correct", "matches the reference", "structured"), j);
  }

  @Test
  void json_objectInsideProseOrAFence() throws Exception {
    var j = parse(QA, text("Sure! Here it is:\n```json\n{\"explanation\": \"a {brace} inside\", \"label\": \"Incorrect\"}\n```"),
        true);
    assertEquals(new JudgeOutputParser.Judgement("incorrect", "a {brace} inside", "json"), j);
    // the same whole-text object without a schema request is plain JSON mode
    assertEquals("json", parse(QA, text("{\"label\": \"correct\"}"), false).parseMode());
  }

  @Test
  void json_labelAsAUniqueScore_orInsideAShortPhrase() throws Exception {
    assertEquals("partial", parse(GOAL, text("{\"label\": 0.5}"), true).label());
    assertEquals("incorrect", parse(QA, text("{\"verdict\": \"The answer is incorrect.\"}"), true).label());
  }

  @Test
  void tool_argumentsOfTheToolCall() throws Exception {
    var j = parse(TOXICITY, new ChatResponse(null, "{\"explanation\":\"polite\",\"label\":\"non-toxic\"}", 5, 3, null,
        1, false), false);
    assertEquals(new JudgeOutputParser.Judgement("non-toxic", "polite", "tool"), j);
  }

  @Test
  void label_afterTheLabelMarker_withTheExplanationBeforeIt() throws Exception {
    var j = parse(QA, text("EXPLANATION: the answer is not correct, it names the wrong city.\nLABEL: incorrect"), false);
    assertEquals(new JudgeOutputParser.Judgement("incorrect",
        "the answer is not correct, it names the wrong city.", "label"), j);
  }

  @Test
  void label_firstRailInText_caseInsensitive() throws Exception {
    assertEquals("correct", parse(QA, text("**Correct** — it matches."), false).label());
    assertEquals("partial", parse(GOAL, text("I'd call it partial, not complete"), false).label());
  }

  @Test
  void label_longestLabelFirst_nonToxicIsNeverToxic() throws Exception {
    assertEquals("non-toxic", parse(TOXICITY, text("non-toxic"), false).label());
    assertEquals("non-toxic", parse(TOXICITY, text("This is NON-TOXIC."), false).label());
    assertEquals("incorrect", parse(QA, text("incorrect"), false).label());
    assertEquals("incomplete", parse(GOAL, text("The goal is incomplete"), false).label());
    assertEquals("non toxic", new JudgeOutputParser(rails("toxic", 1.0, "non toxic", 0.0)).findLabel("non-toxic"));
  }

  /** A negated label is an answer against it: skipped, never read as that label; alone it fits no rail. */
  @Test
  void label_negatedLabelIsSkipped() throws Exception {
    assertEquals("incorrect", parse(QA, text("The answer is not correct, so: incorrect"), false).label());
    assertNull(new JudgeOutputParser(QA).findLabel("Not correct."));
    assertThrows(EvaluationException.class, () -> parse(QA, text("not correct"), false));
  }

  @Test
  void label_insideOtherWordsIsNotALabel() {
    JudgeOutputParser parser = new JudgeOutputParser(rails("good", 1.0, "bad", 0.0));
    assertNull(parser.findLabel("goodness gracious, a badge and a badly-formed goods list"));
    assertEquals("not_frustrated",
        new JudgeOutputParser(rails("frustrated", 1.0, "not_frustrated", 0.0)).findLabel("The user is not frustrated"));
  }

  @Test
  void garbage_isAnErrorThatKeepsTheRawResponse() {
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> parse(QA, new ChatResponse("I cannot decide.", null, 1, 1, "{\"raw\":true}", 1, false), true));
    assertTrue(e.getMessage().startsWith("judge output fits no rail (expected one of correct, incorrect)"), e.getMessage());
    assertTrue(e.getMessage().contains("I cannot decide."));
    assertEquals("{\"raw\":true}", e.raw());
    EvaluationException empty = assertThrows(EvaluationException.class, () -> parse(QA, text(""), false));
    assertTrue(empty.getMessage().contains("(empty response)"));
    EvaluationException wrongLabel = assertThrows(EvaluationException.class,
        () -> parse(QA, text("{\"label\": \"maybe\"}"), true));
    assertEquals("{\"label\": \"maybe\"}", wrongLabel.raw());
  }

  private static JudgeOutputParser.Judgement parse(Map<String, Double> rails, ChatResponse response, boolean structured)
      throws EvaluationException {
    return new JudgeOutputParser(rails).parse(response, structured);
  }

  private static ChatResponse text(String text) {
    return new ChatResponse(text, null, 10, 2, null, 1, false);
  }

  private static Map<String, Double> rails(Object... pairs) {
    Map<String, Double> rails = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      rails.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return rails;
  }
}
