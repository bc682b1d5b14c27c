package dev.assay.experiments;

import dev.assay.eval.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Summaries and baseline comparisons of experiments, computed from their runs and evaluations (pure). Scores are
 * taken as "higher is better". An evaluation that is an error, and every run that failed, count neither as a score
 * nor as a pass or a fail.
 */
public final class ExperimentStats {
  /** A score difference at most this large is no change. */
  public static final double UNCHANGED_EPSILON = 1e-9;

  private ExperimentStats() {}

  /**
   * The experiment's summary.
   *
   * @param expectedRuns examples × repetitions (for a recorded experiment, its run count)
   */
  public static ExperimentSummary summary(String experimentId, long expectedRuns, List<RunResult> runs) {
    long ok = 0;
    long failed = 0;
    List<Double> latencies = new ArrayList<>();
    long tokens = 0;
    Double cost = null;
    Map<String, List<Evaluation>> byName = new TreeMap<>();
    for (RunResult r : runs) {
      ExperimentRun run = r.run();
      if (run.error() != null) {
        failed++;
        continue;
      }
      ok++;
      if (run.latencyMs() != null) {
        latencies.add(run.latencyMs());
      }
      tokens += (run.promptTokens() == null ? 0 : run.promptTokens())
          + (run.completionTokens() == null ? 0 : run.completionTokens());
      if (run.cost() != null) {
        cost = (cost == null ? 0 : cost) + run.cost();
      }
      for (Evaluation e : r.evaluations()) {
        byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
      }
    }
    List<EvaluatorSummary> evaluators = new ArrayList<>();
    byName.forEach((name, results) -> evaluators.add(evaluator(name, results)));
    long missing = Math.max(0, expectedRuns - runs.size());
    return new ExperimentSummary(experimentId, Math.max(expectedRuns, runs.size()), ok, failed, missing,
        mean(latencies), percentile(latencies, 0.95), tokens, cost, evaluators);
  }

  static EvaluatorSummary evaluator(String name, List<Evaluation> results) {
    List<Double> scores = new ArrayList<>();
    long errors = 0;
    long passed = 0;
    long failed = 0;
    for (Evaluation e : results) {
      if (e.error() != null) {
        errors++;
        continue;
      }
      if (e.score() != null && Double.isFinite(e.score())) {
        scores.add(e.score());
      }
      if (Boolean.TRUE.equals(e.passed())) {
        passed++;
      } else if (Boolean.FALSE.equals(e.passed())) {
        failed++;
      }
    }
    Double mean = mean(scores);
    Double low = null;
    Double high = null;
    if (scores.size() >= 2) {
      double half = TDistribution.quantile(0.975, scores.size() - 1) * sd(scores, mean) / Math.sqrt(scores.size());
      low = mean - half;
      high = mean + half;
    }
    Double rate = passed + failed == 0 ? null : (double) passed / (passed + failed);
    return new EvaluatorSummary(name, scores.size(), errors, mean, low, high, passed, failed, rate);
  }

  /** Compares {@code runs} with the baseline's, per evaluator name and per example (mean over repetitions). */
  public static Comparison compare(String experimentId, List<RunResult> runs, String baselineId,
      List<RunResult> baselineRuns) {
    Side mine = Side.of(runs);
    Side theirs = Side.of(baselineRuns);
    TreeSet<String> names = new TreeSet<>(mine.scores.keySet());
    names.addAll(theirs.scores.keySet());
    List<String> exampleOrder = new ArrayList<>(mine.outputs.keySet());
    theirs.outputs.keySet().stream().filter(id -> !mine.outputs.containsKey(id)).forEach(exampleOrder::add);
    List<EvaluatorComparison> evaluators = new ArrayList<>();
    List<ExampleComparison> examples = new ArrayList<>();
    for (String name : names) {
      Map<String, Double> a = mine.means(name);
      Map<String, Double> b = theirs.means(name);
      List<Double> diffs = new ArrayList<>();
      double sumA = 0;
      double sumB = 0;
      long improved = 0;
      long regressed = 0;
      long unchanged = 0;
      for (String id : exampleOrder) {
        Double score = a.get(id);
        Double base = b.get(id);
        Change change = change(score, base);
        switch (change) {
          case IMPROVED -> improved++;
          case REGRESSED -> regressed++;
          case UNCHANGED -> unchanged++;
          case MISSING -> { }
        }
        if (change != Change.MISSING) {
          diffs.add(score - base);
          sumA += score;
          sumB += base;
        }
        examples.add(new ExampleComparison(id, name, base, score, change, theirs.outputs.get(id),
            mine.outputs.get(id)));
      }
      int n = diffs.size();
      Double meanA = n == 0 ? null : sumA / n;
      Double meanB = n == 0 ? null : sumB / n;
      evaluators.add(new EvaluatorComparison(name, meanB, meanA, n == 0 ? null : meanA - meanB, n, improved,
          regressed, unchanged, pairedP(diffs)));
    }
    return new Comparison(experimentId, baselineId, evaluators, examples);
  }

  static Change change(Double score, Double base) {
    if (score == null || base == null) {
      return Change.MISSING;
    }
    double d = score - base;
    return d > UNCHANGED_EPSILON ? Change.IMPROVED : d < -UNCHANGED_EPSILON ? Change.REGRESSED : Change.UNCHANGED;
  }

  /** Two-sided p-value of the paired t-test on these differences; null under 2 pairs or when all are 0. */
  static Double pairedP(List<Double> diffs) {
    if (diffs.size() < 2 || diffs.stream().allMatch(d -> Math.abs(d) <= UNCHANGED_EPSILON)) {
      return null;
    }
    double mean = mean(diffs);
    double sd = sd(diffs, mean);
    if (sd == 0) {
      return 0.0; // every pair moved by the same non-zero amount: no doubt left
    }
    double t = mean / (sd / Math.sqrt(diffs.size()));
    return TDistribution.twoSidedP(t, diffs.size() - 1);
  }

  /** One experiment's scores per evaluator name and example, and each example's first output. */
  private record Side(Map<String, Map<String, List<Double>>> scores, Map<String, String> outputs) {
    static Side of(List<RunResult> runs) {
      Map<String, Map<String, List<Double>>> scores = new LinkedHashMap<>();
      Map<String, String> outputs = new LinkedHashMap<>();
      Map<String, Integer> firstRep = new LinkedHashMap<>();
      for (RunResult r : runs) {
        ExperimentRun run = r.run();
        Integer seen = firstRep.get(run.exampleId());
        if (seen == null || run.repetition() < seen) {
          firstRep.put(run.exampleId(), run.repetition());
          outputs.put(run.exampleId(), run.error() != null ? null : run.output());
        }
        if (run.error() != null) {
          continue;
        }
        for (Evaluation e : r.evaluations()) {
          if (e.error() == null && e.score() != null && Double.isFinite(e.score())) {
            scores.computeIfAbsent(e.name(), k -> new LinkedHashMap<>())
                .computeIfAbsent(run.exampleId(), k -> new ArrayList<>()).add(e.score());
          }
        }
      }
      return new Side(scores, outputs);
    }

    Map<String, Double> means(String name) {
      Map<String, Double> out = new LinkedHashMap<>();
      scores.getOrDefault(name, Map.of()).forEach((id, s) -> out.put(id, mean(s)));
      return out;
    }
  }

  static Double mean(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** Sample standard deviation (n − 1). */
  static double sd(List<Double> values, double mean) {
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (values.size() - 1));
  }

  /** Nearest-rank percentile. */
  static Double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
