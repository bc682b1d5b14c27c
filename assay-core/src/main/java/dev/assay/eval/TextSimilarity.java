package dev.assay.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text similarity metrics for the code checks: normalised Levenshtein, sentence BLEU-4 and ROUGE-N / ROUGE-L.
 *
 * <p>Hand-written on purpose: Maven Central has no maintained Java library for sentence BLEU or ROUGE that is
 * worth its weight (the candidates are unmaintained research code or pull in NLP toolkits of tens of MB), and
 * each metric here is a few dozen lines of textbook definition, tested against hand-computed values.
 */
final class TextSimilarity {
  private TextSimilarity() {}

  /** Words: maximal runs of letters and digits (Unicode), lowercased unless case-sensitive; punctuation dropped. */
  static List<String> tokens(String text, boolean caseSensitive) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        String t = text.substring(start, i);
        out.add(caseSensitive ? t : t.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** 1 − edit distance / length of the longer text (1 when both are empty); UTF-16 units. */
  static double levenshteinSimilarity(String a, String b) {
    int max = Math.max(a.length(), b.length());
    return max == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / max;
  }

  /** Edit distance (insert, delete, substitute: cost 1), two rows of memory. */
  static int levenshtein(String a, String b) {
    if (a.length() < b.length()) {
      String t = a;
      a = b;
      b = t;
    }
    int m = b.length();
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= m; j++) {
        int sub = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }

  /**
   * Sentence BLEU-4 (uniform weights) with add-one smoothing of the 2- to 4-gram precisions (Lin and Och 2004,
   * add-one for n ≥ 2), so one missing 4-gram does not zero a short sentence, and the brevity penalty.
   * 0 when the candidate is empty.
   */
  static double bleu(List<String> candidate, List<String> reference) {
    if (candidate.isEmpty() || reference.isEmpty()) {
      return 0.0;
    }
    double logSum = 0;
    for (int n = 1; n <= 4; n++) {
      Map<String, Integer> ref = ngrams(reference, n);
      Map<String, Integer> cand = ngrams(candidate, n);
      int matched = 0;
      int total = Math.max(0, candidate.size() - n + 1);
      for (Map.Entry<String, Integer> e : cand.entrySet()) {
        matched += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
      }
      double p = n == 1 ? (double) matched / total : (matched + 1.0) / (total + 1.0);
      if (p == 0) {
        return 0.0; // no unigram in common: nothing to smooth
      }
      logSum += Math.log(p) / 4;
    }
    double c = candidate.size();
    double r = reference.size();
    double bp = c > r ? 1.0 : Math.exp(1 - r / c);
    return bp * Math.exp(logSum);
  }

  /** ROUGE-N F1: clipped n-gram overlap over candidate and reference n-gram counts. */
  static double rougeN(List<String> candidate, List<String> reference, int n) {
    Map<String, Integer> ref = ngrams(reference, n);
    Map<String, Integer> cand = ngrams(candidate, n);
    int overlap = 0;
    for (Map.Entry<String, Integer> e : cand.entrySet()) {
      overlap += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
    }
    return f1(overlap, Math.max(0, candidate.size() - n + 1), Math.max(0, reference.size() - n + 1));
  }

  /** ROUGE-L F1: longest common subsequence of tokens over candidate and reference lengths. */
  static double rougeL(List<String> candidate, List<String> reference) {
    return f1(lcs(candidate, reference), candidate.size(), reference.size());
  }

  static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (String x : a) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }

  private static double f1(int overlap, int candidateCount, int referenceCount) {
    if (overlap == 0 || candidateCount == 0 || referenceCount == 0) {
      return candidateCount == 0 && referenceCount == 0 ? 1.0 : 0.0;
    }
    double p = (double) overlap / candidateCount;
    double r = (double) overlap / referenceCount;
    return 2 * p * r / (p + r);
  }

  private static Map<String, Integer> ngrams(List<String> tokens, int n) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      String key = n == 1 ? tokens.get(i) : String.join("\u0001", tokens.subList(i, i + n));
      out.merge(key, 1, Integer::sum);
    }
    return out;
  }
}
