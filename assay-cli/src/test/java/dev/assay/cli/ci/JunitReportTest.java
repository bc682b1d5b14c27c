package dev.assay.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.experiments.Change;
import dev.assay.experiments.Comparison;
import dev.assay.experiments.EvaluatorComparison;
import dev.assay.experiments.EvaluatorSummary;
import dev.assay.experiments.ExampleComparison;
import dev.assay.experiments.ExperimentSummary;
import dev.assay.experiments.GateCase;
import dev.assay.experiments.GateCheck;
import dev.assay.experiments.GateResult;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class JunitReportTest {
  static final String NASTY = "a\u0000b\u0001c\u001b[31m<script>&\"'\u0007 ]]> \uD800 | `x` [l](http://e) \uFFFF\n|";

  static GateResult sample(boolean passed) {
    var cases = List.of(
        new GateCase("ex-1", "exact", 1, true, 1.0, "match", null, null, 12.0),
        new GateCase("ex-2", "exact", 1, false, 0.0, "mismatch", "got " + NASTY, null, 8.0),
        new GateCase("ex-3", "exact", 1, null, null, null, null, "run failed: " + NASTY, 5.0),
        new GateCase("ex-1", "similar", 1, true, 0.93, null, null, null, 12.0));
    var checks = List.of(
        new GateCheck("fail-under", "exact", 0.9, 0.5, passed, "exact mean 0.500 < 0.900"),
        new GateCheck("max-regression", "similar", 0.02, 0.1, true, "similar dropped 0.1"));
    var summary = new ExperimentSummary("exp-1", 3, 2, 1, 0, 10.0, 12.0, 0, null,
        List.of(new EvaluatorSummary("exact", 2, 1, 0.5, -5.85, 6.85, 1, 1, 0.5),
            new EvaluatorSummary("similar", 1, 0, 0.93, null, null, 1, 0, 1.0)));
    var comparison = new Comparison("exp-1", "base-1",
        List.of(new EvaluatorComparison("exact", 1.0, 0.5, -0.5, 2, 0, 1, 1, 0.5)),
        List.of(new ExampleComparison("ex-2", "exact", 1.0, 0.0, Change.REGRESSED, "Paris", NASTY),
            new ExampleComparison("ex-1", "exact", 1.0, 1.0, Change.UNCHANGED, "Rome", "Rome")));
    return new GateResult("exp-1", "base-1", passed, checks, cases, summary, comparison);
  }

  @Test
  void surefiresParserReadsOneTestcasePerCaseWithFailuresAndErrors() throws Exception {
    String xml = JunitReport.toXml(List.of(new JunitReport.Suite("qa <v2> & \u0001co", sample(false),
        Duration.ofMillis(1500))));
    var suites = JunitXml.parse(xml);
    assertEquals(1, suites.size());
    var suite = suites.get(0);
    assertEquals(4, suite.getNumberOfTests());
    assertEquals(1, suite.getNumberOfFailures());
    assertEquals(1, suite.getNumberOfErrors());
    var cases = suite.getTestCases();
    assertEquals(4, cases.size());
    assertEquals("ex-2 · exact", cases.get(1).getName());
    assertTrue(cases.get(1).hasFailure());
    assertTrue(cases.get(1).getFailureMessage().contains("score 0.000"), cases.get(1).getFailureMessage());
    assertTrue(cases.get(2).hasError());
    assertTrue(cases.get(0).isSuccessful());
    assertEquals("ex-1 · similar", cases.get(3).getName());
  }

  @Test
  void untrustedTextStaysWellFormedAndReadable() throws Exception {
    String xml = JunitReport.toXml("exp", sample(false));
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(xml)));
    var failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertTrue(failure.getTextContent().contains("<script>&\"'"), failure.getTextContent());
    assertTrue(failure.getTextContent().contains("a\\u0000b\\u0001c\\u001B[31m"), failure.getTextContent());
    assertTrue(failure.getTextContent().contains("\\uD800"));
    assertFalse(failure.getAttribute("message").contains("\n"));
    var props = doc.getElementsByTagName("property");
    assertEquals("failed", ((Element) props.item(2)).getAttribute("value"));
    assertTrue(((Element) props.item(3)).getAttribute("value").startsWith("FAIL "));
    var root = doc.getDocumentElement();
    assertEquals("4", root.getAttribute("tests"));
  }

  @Test
  void repeatedRunsGetDistinctNames() throws Exception {
    var cases = List.of(new GateCase("ex-1", "exact", 1, true, 1.0, null, null, null, 1.0),
        new GateCase("ex-1", "exact", 2, true, 1.0, null, null, null, 1.0));
    var result = new GateResult("e", null, true, List.of(), cases, null, null);
    var names = JunitXml.parse(JunitReport.toXml("e", result)).get(0).getTestCases().stream()
        .map(c -> c.getName()).toList();
    assertEquals(List.of("ex-1 · exact #1", "ex-1 · exact #2"), names);
  }

  @Test
  void writesAFileAndSeveralSuites(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reports/out.xml");
    JunitReport.write(file, List.of(new JunitReport.Suite("a", sample(true), null),
        new JunitReport.Suite("b", sample(false), null)));
    var suites = JunitXml.parse(file);
    assertEquals(2, suites.size());
    assertEquals(8, suites.stream().mapToInt(s -> s.getTestCases().size()).sum());
  }

  @Test
  void markdownKeepsUntrustedOutputInsideItsCell() {
    String md = MarkdownSummary.render("qa|exp", sample(false));
    assertTrue(md.startsWith("## ❌ Assay gate failed: qa\\|exp"), md);
    assertTrue(md.contains("| fail-under | exact | 0.900 | 0.500 | ❌ exact mean 0.500 &lt; 0.900 |"), md);
    assertTrue(md.contains("| exact | 0.500 | [-5.850, 6.850] | 50.0% | 1 | -0.500 | 0 / 1 | 0.500 |"), md);
    assertTrue(md.contains("Top regressions"), md);
    String row = md.lines().filter(l -> l.startsWith("| ex-2 |")).findFirst().orElseThrow();
    assertFalse(row.contains("<script>"), row);
    assertTrue(row.contains("&lt;script&gt;"), row);
    assertFalse(row.contains("](http"), row);
    // Unescaped pipes would split the row into more cells: 7 separators for 6 cells.
    assertEquals(7, row.replace("\\|", "").chars().filter(c -> c == '|').count(), row);
    assertFalse(md.contains("\u0000"));
  }

  @Test
  void markdownWithoutBaselineOmitsTheDeltaColumns() {
    var r = sample(true);
    var noBase = new GateResult(r.experimentId(), null, true, List.of(), r.cases(), r.summary(), null);
    String md = MarkdownSummary.render("qa", noBase);
    assertTrue(md.startsWith("## ✅ Assay gate passed: qa"), md);
    assertTrue(md.contains("No gate rules."));
    assertFalse(md.contains("Δ vs baseline"));
    assertFalse(md.contains("Top regressions"));
  }
}
