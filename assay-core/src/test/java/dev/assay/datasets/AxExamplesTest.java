package dev.assay.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.shared.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AxExamplesTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Example example(Map<String, Object> input, Map<String, Object> output, Map<String, Object> metadata,
      List<String> splits) {
    return new Example("e1", "d1", input, output, metadata, splits, null, null, T, T);
  }

  private static void assertRoundTrip(Example e) {
    Map<String, Object> flat = new LinkedHashMap<>(AxExamples.toFlat(e));
    flat.remove("id");
    flat.remove("created_at");
    flat.remove("updated_at");
    ExampleDraft back = AxExamples.toDraft(flat, false, "example");
    assertEquals(e.input(), back.input(), "input of " + flat);
    assertEquals(e.output(), back.output(), "output of " + flat);
    assertEquals(e.metadata(), back.metadata(), "metadata of " + flat);
    assertEquals(e.splits(), back.splits(), "splits of " + flat);
  }

  @Test
  void flatToCanonical_byKeyName() {
    ExampleDraft d = AxExamples.toDraft(Map.of("question", "q", "expected", "4", "reference", "r", "metadata", Map.of("m", 1),
        "splits", "train"), false, "x");
    assertEquals(Map.of("question", "q"), d.input());
    assertEquals(Map.of("expected", "4", "reference", "r"), d.output());
    assertEquals(Map.of("m", 1), d.metadata());
    assertEquals(List.of("train"), d.splits());

    ExampleDraft objects = AxExamples.toDraft(Map.of("input", Map.of("q", 1), "output", Map.of("a", 2)), false, "x");
    assertEquals(Map.of("q", 1), objects.input());
    assertEquals(Map.of("a", 2), objects.output());

    ExampleDraft nonObjectMetadata = AxExamples.toDraft(Map.of("metadata", "text"), false, "x");
    assertEquals(Map.of("metadata", "text"), nonObjectMetadata.input());
  }

  @Test
  void canonicalToFlatAndBack_isTheSameExample() {
    assertRoundTrip(example(Map.of("question", "q"), Map.of("expected", "4"), Map.of("topic", "m"), List.of("a", "b")));
    assertRoundTrip(example(Map.of("question", "q"), Map.of("answer", "4", "score", 1), Map.of(), List.of()));
    assertRoundTrip(example(Map.of("input", Map.of("nested", 1)), Map.of("output", Map.of("x", 1)), Map.of(), List.of()));
    assertRoundTrip(example(Map.of("output", "clash", "q", 1), Map.of(), Map.of(), List.of()));
    assertRoundTrip(example(Map.of("metadata", "in input", "splits", 3), Map.of("output", "o", "expected", "e"),
        Map.of("k", List.of(1, 2)), List.of("s")));
    assertRoundTrip(example(Map.of("input", "plain"), Map.of("output", "plain"), Map.of(), List.of()));
    assertRoundTrip(example(Map.of("q", 1), Map.of(), Map.of(), List.of()));
  }

  @Test
  void systemFields_areRefused_andUpdatesNeedTheirId() {
    assertThrows(InvalidInputException.class, () -> AxExamples.toDraft(Map.of("id", "x", "q", 1), false, "x"));
    assertThrows(InvalidInputException.class, () -> AxExamples.toDraft(Map.of("created_at", "x", "q", 1), false, "x"));
    assertThrows(InvalidInputException.class, () -> AxExamples.toDraft(Map.of("updated_at", "x", "id", "a"), true, "x"));
    assertThrows(InvalidInputException.class, () -> AxExamples.toDraft(Map.of("q", 1), true, "x"));
    assertThrows(InvalidInputException.class, () -> AxExamples.toDraft(Map.of(), false, "x"));
    assertThrows(InvalidInputException.class, () -> AxExamples.toDraft(Map.of("splits", List.of(1)), false, "x"));
    assertEquals("a", AxExamples.toDraft(Map.of("id", "a", "q", 1), true, "x").id());
  }

  @Test
  void merge_overlaysTheGivenKeys_keepingTheRest() {
    Example e = example(Map.of("q", "old", "keep", 1), Map.of("expected", "x"), Map.of("m", 1), List.of("train"));
    ExampleDraft merged = AxExamples.merge(e, Map.of("id", "e1", "q", "new", "expected", "y", "metadata", Map.of("n", 2)), "x");
    assertEquals(Map.of("q", "new", "keep", 1), merged.input());
    assertEquals(Map.of("expected", "y"), merged.output());
    assertEquals(Map.of("m", 1, "n", 2), merged.metadata());
    assertEquals(List.of("train"), merged.splits());
    assertEquals("e1", merged.id());
  }
}
