package dev.assay.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored JSON form of specs: round trips, ordered rails, a stable hash, and clear errors. */
class EvaluatorSpecJsonTest {
  private static JudgeSpec judge(Map<String, Double> rails, Map<String, String> mappings) {
    return new JudgeSpec("quality", SubjectKind.TRACE, mappings, "qa_correctness",
        List.of(new TemplateMessage("system", "Judge."), new TemplateMessage("user", "{input} -> {output}")), rails,
        Direction.MINIMIZE, true, false, true, new ModelRef("cfg-1", "gpt-4o-mini", Map.of("temperature", 0)));
  }

  private static Map<String, Double> rails(String first, String second) {
    Map<String, Double> rails = new LinkedHashMap<>();
    rails.put(first, first.equals("bad") ? 0.0 : 1.0);
    rails.put(second, second.equals("bad") ? 0.0 : 1.0);
    return rails;
  }

  @Test
  void everyKind_roundTripsThroughItsJson() {
    List<EvaluatorSpec> specs = List.of(judge(rails("good", "bad"), Map.of("input", "attributes.question")),
        new CodeSpec("exact", null, null, CodeCheck.EXACT_MATCH, List.of("output", "reference"), Map.of("strip", true), 0.5),
        new HttpSpec("remote", SubjectKind.SPAN, null, "https://example.test/eval", Map.of("Authorization", "Bearer x"), 5_000L));
    for (EvaluatorSpec spec : specs) {
      String json = EvaluatorSpecJson.write(spec);
      assertTrue(json.startsWith("{\"kind\":\"" + spec.kind().name() + "\""), json);
      assertEquals(spec, EvaluatorSpecJson.read(json));
    }
    assertTrue(EvaluatorSpecJson.write(specs.get(0)).contains("\"include_explanation\":true"), "snake_case, as in the API");
  }

  @Test
  void railsKeepTheirOrder_andTheOrderIsPartOfTheHash() {
    JudgeSpec goodFirst = judge(rails("good", "bad"), Map.of());
    JudgeSpec badFirst = judge(rails("bad", "good"), Map.of());

    JudgeSpec read = (JudgeSpec) EvaluatorSpecJson.read(EvaluatorSpecJson.write(badFirst));

    assertEquals(List.of("bad", "good"), List.copyOf(read.rails().keySet()));
    assertNotEquals(EvaluatorSpecJson.commitHash(goodFirst, ""), EvaluatorSpecJson.commitHash(badFirst, ""));
  }

  @Test
  void commitHash_isStableForEqualSpecs_andChainsOnTheParent() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "input");
    ab.put("b", "output");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "output");
    ba.put("a", "input");
    String hash = EvaluatorSpecJson.commitHash(judge(rails("good", "bad"), ab), "");

    assertEquals(hash, EvaluatorSpecJson.commitHash(judge(rails("good", "bad"), ba), ""), "mapping order does not matter");
    assertEquals(40, hash.length());
    assertTrue(hash.matches("[0-9a-f]{40}"));
    assertNotEquals(hash, EvaluatorSpecJson.commitHash(judge(rails("good", "bad"), ab), hash));
  }

  @Test
  void read_namesWhatIsWrong() {
    assertTrue(assertThrows(InvalidInputException.class, () -> EvaluatorSpecJson.read("{\"name\": \"x\"}")).getMessage()
        .contains("spec.kind is required"));
    assertTrue(assertThrows(InvalidInputException.class, () -> EvaluatorSpecJson.read("{\"kind\": \"SQL\", \"name\": \"x\"}"))
        .getMessage().contains("'SQL' is unknown"));
    assertTrue(assertThrows(InvalidInputException.class, () -> EvaluatorSpecJson.read("{\"kind\": \"CODE\", \"name\": \"x\"}"))
        .getMessage().contains("spec.check is required"));
    assertTrue(assertThrows(InvalidInputException.class, () -> EvaluatorSpecJson.read("[1]")).getMessage().contains("object"));
    assertTrue(assertThrows(InvalidInputException.class, () -> EvaluatorSpecJson.read("{\"kind\": \"CODE\", \"name\": \"x\","
        + " \"check\": \"EXACT_MATCH\", \"threshold\": \"high\"}")).getMessage().startsWith("invalid spec"));
  }
}
