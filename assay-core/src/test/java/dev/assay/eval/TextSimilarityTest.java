package dev.assay.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast metric code against its textbook definitions. */
class TextSimilarityTest {

  @Test
  void bitParallelLevenshtein_equalsTheDynamicProgramme_onRandomTextsAcrossBlockSizes() {
    Random random = new Random(7);
    String alphabet = "abcde fgé€✓";
    for (int round = 0; round < 3_000; round++) {
      String a = random(random, alphabet, random.nextInt(round % 3 == 0 ? 300 : 70));
      String b = random.nextBoolean() ? mutate(random, a, alphabet) : random(random, alphabet, random.nextInt(200));
      assertEquals(TextSimilarity.levenshteinDp(a, b), TextSimilarity.levenshtein(a, b), a + " | " + b);
    }
    assertEquals(3, TextSimilarity.levenshtein("kitten", "sitting"));
    assertEquals(5, TextSimilarity.levenshtein("", "abcde"));
    assertEquals(0, TextSimilarity.levenshtein("x".repeat(200), "x".repeat(200)));
  }

  @Test
  void ngramOverlap_isClipped() {
    List<String> cand = TextSimilarity.tokens("the the the the", false);
    List<String> ref = TextSimilarity.tokens("The cat is on the mat", false);
    // Unigram precision is clipped to the reference's two "the": 2/4.
    assertEquals(2 * 0.5 * (2.0 / 6) / (0.5 + 2.0 / 6), TextSimilarity.rougeN(cand, ref, 1), 1e-12);
    assertEquals(List.of("don", "t", "stop", "état", "42"), TextSimilarity.tokens("Don't STOP — état 42!", false));
  }

  private static String random(Random r, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String mutate(Random r, String s, String alphabet) {
    StringBuilder sb = new StringBuilder(s);
    int edits = r.nextInt(1 + s.length() / 4 + 1);
    for (int e = 0; e < edits && !sb.isEmpty(); e++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(3)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
        default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
      }
    }
    return sb.toString();
  }
}
