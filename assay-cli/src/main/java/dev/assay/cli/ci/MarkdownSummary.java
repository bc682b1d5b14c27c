package dev.assay.cli.ci;

import dev.assay.experiments.Change;
import dev.assay.experiments.Comparison;
import dev.assay.experiments.EvaluatorComparison;
import dev.assay.experiments.EvaluatorSummary;
import dev.assay.experiments.ExampleComparison;
import dev.assay.experiments.ExperimentSummary;
import dev.assay.experiments.GateCheck;
import dev.assay.experiments.GateResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A gate result as GitHub-flavoured Markdown for {@code $GITHUB_STEP_SUMMARY}: the verdict, the gate's checks,
 * each evaluator's mean, 95% CI and pass rate with the change against the baseline, and the examples that
 * regressed most. Example outputs are untrusted text: {@link #cell} keeps them inside their table cell and
 * stops them from injecting markup (HTML, links, images) into the job page.
 */
public final class MarkdownSummary {
  static final int TOP_REGRESSIONS = 10;
  private static final int OUTPUT_LIMIT = 80;

  private MarkdownSummary() {}

  public static String render(String experimentName, GateResult result) {
    var md = new StringBuilder();
    md.append("## ").append(result.passed() ? "✅" : "❌").append(" Assay gate ")
        .append(result.passed() ? "passed" : "failed").append(": ").append(inline(experimentName)).append("\n\n");
    md.append("Experiment `").append(code(result.experimentId())).append('`');
    if (result.baselineId() != null) {
      md.append(" against baseline `").append(code(result.baselineId())).append('`');
    }
    ExperimentSummary summary = result.summary();
    if (summary != null) {
      md.append(" · runs: ").append(summary.successfulRuns()).append(" ok, ").append(summary.failedRuns())
          .append(" failed");
      if (summary.missingRuns() > 0) {
        md.append(", ").append(summary.missingRuns()).append(" missing");
      }
      if (summary.meanLatencyMs() != null) {
        md.append(" · mean latency ").append(Math.round(summary.meanLatencyMs())).append(" ms");
      }
    }
    md.append("\n\n");
    checks(md, result.checks());
    evaluators(md, summary, result.comparison());
    regressions(md, result.comparison());
    return md.toString();
  }

  /** Appends to the file (GitHub concatenates every step's summary), creating it when missing. */
  public static void append(Path file, String markdown) {
    try {
      Files.writeString(file, markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checks(StringBuilder md, List<GateCheck> checks) {
    if (checks.isEmpty()) {
      md.append("No gate rules.\n\n");
      return;
    }
    md.append("| Check | Evaluator | Threshold | Actual | Result |\n|---|---|---:|---:|---|\n");
    for (GateCheck c : checks) {
      md.append("| ").append(cell(c.rule())).append(" | ").append(cell(c.evaluator())).append(" | ")
          .append(num(c.threshold())).append(" | ").append(num(c.actual())).append(" | ")
          .append(c.passed() ? "✅ pass" : "❌ " + cell(c.message())).append(" |\n");
    }
    md.append('\n');
  }

  private static void evaluators(StringBuilder md, ExperimentSummary summary, Comparison comparison) {
    if (summary == null || summary.evaluators().isEmpty()) {
      return;
    }
    Map<String, EvaluatorComparison> deltas = comparison == null ? Map.of()
        : comparison.evaluators().stream().collect(java.util.stream.Collectors.toMap(EvaluatorComparison::name,
            e -> e, (a, b) -> a));
    boolean baseline = comparison != null;
    md.append("| Evaluator | Mean | 95% CI | Pass rate | Errors |");
    md.append(baseline ? " Δ vs baseline | Improved / regressed | p |\n|---|---:|---|---:|---:|---:|---|---:|\n"
        : "\n|---|---:|---|---:|---:|\n");
    for (EvaluatorSummary e : summary.evaluators()) {
      md.append("| ").append(cell(e.name())).append(" | ").append(num(e.meanScore())).append(" | ")
          .append(e.ciLow() == null ? "–" : "[" + num(e.ciLow()) + ", " + num(e.ciHigh()) + "]").append(" | ")
          .append(e.passRate() == null ? "–" : pct(e.passRate())).append(" | ").append(e.errors()).append(" |");
      if (baseline) {
        EvaluatorComparison d = deltas.get(e.name());
        if (d == null) {
          md.append(" – | – | – |");
        } else {
          md.append(' ').append(signed(d.delta())).append(" | ").append(d.improved()).append(" / ")
              .append(d.regressed()).append(" | ").append(d.pValue() == null ? "–" : num(d.pValue())).append(" |");
        }
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static void regressions(StringBuilder md, Comparison comparison) {
    if (comparison == null) {
      return;
    }
    List<ExampleComparison> worst = comparison.examples().stream()
        .filter(e -> e.change() == Change.REGRESSED && e.score() != null && e.baselineScore() != null)
        .sorted(Comparator.comparingDouble((ExampleComparison e) -> e.score() - e.baselineScore())
            .thenComparing(ExampleComparison::exampleId))
        .limit(TOP_REGRESSIONS).toList();
    if (worst.isEmpty()) {
      md.append("No example regressed against the baseline.\n");
      return;
    }
    md.append("<details open><summary>Top regressions</summary>\n\n");
    md.append("| Example | Evaluator | Baseline | Now | Baseline output | Output |\n|---|---|---:|---:|---|---|\n");
    for (ExampleComparison e : worst) {
      md.append("| ").append(cell(e.exampleId())).append(" | ").append(cell(e.evaluator())).append(" | ")
          .append(num(e.baselineScore())).append(" | ").append(num(e.score())).append(" | ")
          .append(cell(shorten(e.baselineOutput()))).append(" | ").append(cell(shorten(e.output()))).append(" |\n");
    }
    md.append("\n</details>\n");
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > OUTPUT_LIMIT ? line.substring(0, OUTPUT_LIMIT) + "…" : line;
  }

  /**
   * Untrusted text inside a table cell: one line, pipes escaped, and every character Markdown or HTML would
   * interpret (tags, entities, links, emphasis, code) backslash-escaped or entity-encoded.
   */
  static String cell(String text) {
    if (text == null) {
      return "";
    }
    var sb = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '\n', '\r', '\t' -> sb.append(' ');
        case '|' -> sb.append("\\|");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '~' -> sb.append('\\').appendCodePoint(cp);
        default -> {
          if (cp >= 0xD800 && cp <= 0xDFFF) {
            sb.append('\uFFFD'); // a lone surrogate has no UTF-8 encoding
          } else if (cp >= 0x20 && cp != 0x7F) {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.toString();
  }

  private static String inline(String text) {
    return cell(text);
  }

  /** Text inside a code span: backticks would end it early. */
  private static String code(String text) {
    return text == null ? "" : text.replace('`', '\'').replaceAll("[\\r\\n]", " ");
  }

  private static String num(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String signed(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%+.3f", value);
  }

  private static String pct(double value) {
    return String.format(Locale.ROOT, "%.1f%%", value * 100);
  }
}
