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

  /**
   * Edit distance (insert, delete, substitute: cost 1) by Myers' bit-parallel algorithm in Hyyrö's blocked form
   * (as edlib computes it): the shorter text is the pattern, 64 of its rows per machine word, so two 250-character
   * texts take about 1,000 word operations instead of 62,500 cell updates.
   */
  static int levenshtein(String a, String b) {
    String pattern = a.length() <= b.length() ? a : b;
    String text = pattern == a ? b : a;
    int m = pattern.length();
    if (m == 0) {
      return text.length();
    }
    int blocks = (m + 63) >>> 6;
    PatternMasks peq = new PatternMasks(pattern, blocks);
    long[] pv = new long[blocks];
    long[] mv = new long[blocks];
    java.util.Arrays.fill(pv, -1L);
    long lastHigh = 1L << ((m - 1) & 63);
    int score = m;
    for (int j = 0; j < text.length(); j++) {
      long[] eqs = peq.masks(text.charAt(j));
      int hin = 1; // the top row is D[0][j] = j: +1 per column
      for (int blk = 0; blk < blocks; blk++) {
        long high = blk == blocks - 1 ? lastHigh : Long.MIN_VALUE;
        long eq = eqs == null ? 0 : eqs[blk];
        long p = pv[blk];
        long mm = mv[blk];
        long xv = eq | mm;
        if (hin < 0) {
          eq |= 1;
        }
        long xh = (((eq & p) + p) ^ p) | eq;
        long ph = mm | ~(xh | p);
        long mh = p & xh;
        int hout = (ph & high) != 0 ? 1 : (mh & high) != 0 ? -1 : 0;
        ph <<= 1;
        mh <<= 1;
        if (hin < 0) {
          mh |= 1;
        } else if (hin > 0) {
          ph |= 1;
        }
        pv[blk] = mh | ~(xv | ph);
        mv[blk] = ph & xv;
        hin = hout;
      }
      score += hin;
    }
    return score;
  }

  /** Per character of the pattern, the bit mask of the rows holding it, per block: an array for Latin-1, a map beyond. */
  private static final class PatternMasks {
    private final long[][] latin = new long[256][];
    private Map<Character, long[]> other;

    PatternMasks(String pattern, int blocks) {
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        long[] masks;
        if (c < 256) {
          masks = latin[c] == null ? (latin[c] = new long[blocks]) : latin[c];
        } else {
          if (other == null) {
            other = new HashMap<>();
          }
          masks = other.computeIfAbsent(c, k -> new long[blocks]);
        }
        masks[i >>> 6] |= 1L << (i & 63);
      }
    }

    long[] masks(char c) {
      return c < 256 ? latin[c] : other == null ? null : other.get(c);
    }
  }

  /** Reference edit distance by the textbook dynamic programme (for tests of the bit-parallel one). */
  static int levenshteinDp(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * Sentence BLEU-4 (uniform weights) with add-one smoothing of the 2- to 4-gram precisions (Lin and Och 2004),
   * so one missing 4-gram does not zero a short sentence, and the brevity penalty. 0 when the candidate is empty.
   */
  static double bleu(List<String> candidate, List<String> reference) {
    if (candidate.isEmpty() || reference.isEmpty()) {
      return 0.0;
    }
    Ids ids = Ids.of(candidate, reference);
    double logSum = 0;
    for (int n = 1; n <= 4; n++) {
      int matched = ids.overlap(n);
      int total = Math.max(0, candidate.size() - n + 1);
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
    int overlap = Ids.of(candidate, reference).overlap(n);
    return f1(overlap, Math.max(0, candidate.size() - n + 1), Math.max(0, reference.size() - n + 1));
  }

  /** ROUGE-L F1: longest common subsequence of tokens over candidate and reference lengths. */
  static double rougeL(List<String> candidate, List<String> reference) {
    Ids ids = Ids.of(candidate, reference);
    return f1(lcs(ids.a, ids.b), candidate.size(), reference.size());
  }

  static int lcs(int[] a, int[] b) {
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int x : a) {
      for (int j = 1; j <= b.length; j++) {
        cur[j] = x == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }

  private static double f1(int overlap, int candidateCount, int referenceCount) {
    if (overlap == 0 || candidateCount == 0 || referenceCount == 0) {
      return candidateCount == 0 && referenceCount == 0 ? 1.0 : 0.0;
    }
    double p = (double) overlap / candidateCount;
    double r = (double) overlap / referenceCount;
    return 2 * p * r / (p + r);
  }

  /**
   * Two token lists as small integer ids, so n-grams (n ≤ 4) pack into one long each and clipped counts come from
   * sorting: no per-n-gram strings or boxed counters.
   */
  private static final class Ids {
    final int[] a;
    final int[] b;
    final int bits;

    private Ids(int[] a, int[] b, int vocabulary) {
      this.a = a;
      this.b = b;
      this.bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(vocabulary));
    }

    static Ids of(List<String> a, List<String> b) {
      Map<String, Integer> vocab = new HashMap<>(Math.max(16, (a.size() + b.size()) * 2));
      return new Ids(ids(a, vocab), ids(b, vocab), vocab.size());
    }

    private static int[] ids(List<String> tokens, Map<String, Integer> vocab) {
      int[] out = new int[tokens.size()];
      for (int i = 0; i < out.length; i++) {
        Integer id = vocab.putIfAbsent(tokens.get(i), vocab.size());
        out[i] = id == null ? vocab.size() - 1 : id;
      }
      return out;
    }

    /** The clipped n-gram overlap: Σ over n-grams of min(count in a, count in b). */
    int overlap(int n) {
      if (bits * n > 63) {
        return overlapByStrings(n);
      }
      long[] x = grams(a, n);
      long[] y = grams(b, n);
      java.util.Arrays.sort(x);
      java.util.Arrays.sort(y);
      int i = 0;
      int j = 0;
      int matched = 0;
      while (i < x.length && j < y.length) {
        if (x[i] < y[j]) {
          i++;
        } else if (x[i] > y[j]) {
          j++;
        } else {
          matched++;
          i++;
          j++;
        }
      }
      return matched;
    }

    private long[] grams(int[] t, int n) {
      long[] out = new long[Math.max(0, t.length - n + 1)];
      for (int i = 0; i < out.length; i++) {
        long k = 0;
        for (int g = 0; g < n; g++) {
          k = (k << bits) | t[i + g];
        }
        out[i] = k;
      }
      return out;
    }

    /** Huge vocabularies (ids too wide to pack n of them in a long): n-grams as strings of ids. */
    private int overlapByStrings(int n) {
      Map<String, Integer> ref = new HashMap<>();
      for (int i = 0; i + n <= b.length; i++) {
        ref.merge(java.util.Arrays.toString(java.util.Arrays.copyOfRange(b, i, i + n)), 1, Integer::sum);
      }
      int matched = 0;
      for (int i = 0; i + n <= a.length; i++) {
        String key = java.util.Arrays.toString(java.util.Arrays.copyOfRange(a, i, i + n));
        Integer left = ref.get(key);
        if (left != null && left > 0) {
          matched++;
          ref.put(key, left - 1);
        }
      }
      return matched;
    }
  }
}
