package dev.assay.cli.ci;

import dev.assay.experiments.GateCase;
import dev.assay.experiments.GateCheck;
import dev.assay.experiments.GateResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Gate results as JUnit XML (the Ant/Surefire dialect every CI system reads): one {@code <testsuite>} per
 * experiment, one {@code <testcase>} per example × evaluator × repetition, {@code <failure>} for a result that did
 * not pass and {@code <error>} for an error result or a failed run. The gate's checks go in the suite's
 * {@code <properties>}, so the testcase count stays example × evaluator.
 *
 * <p>Outputs and explanations come from the model or the user's app, so they are untrusted: StAX escapes markup,
 * and {@link #xmlSafe} replaces what XML 1.0 cannot carry at all (control characters, unpaired surrogates), which
 * StAX would otherwise write verbatim into a document no parser accepts.
 */
public final class JunitReport {
  private static final int MESSAGE_LIMIT = 300;

  /** One experiment's gate result; {@code time} is its wall time (null = the sum of its cases' latencies). */
  public record Suite(String name, GateResult result, Duration time) {}

  private JunitReport() {}

  public static String toXml(List<Suite> suites) {
    var out = new StringWriter();
    write(suites, out);
    return out.toString();
  }

  public static String toXml(String experimentName, GateResult result) {
    return toXml(List.of(new Suite(experimentName, result, null)));
  }

  public static void write(Path file, List<Suite> suites) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        write(suites, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(List<Suite> suites, Writer out) {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "assay");
      long tests = 0;
      long failures = 0;
      long errors = 0;
      double time = 0;
      for (Suite suite : suites) {
        tests += suite.result().cases().size();
        failures += suite.result().cases().stream().filter(JunitReport::isFailure).count();
        errors += suite.result().cases().stream().filter(JunitReport::isError).count();
        time += seconds(suite);
      }
      xml.writeAttribute("tests", Long.toString(tests));
      xml.writeAttribute("failures", Long.toString(failures));
      xml.writeAttribute("errors", Long.toString(errors));
      xml.writeAttribute("time", format(time));
      for (Suite suite : suites) {
        writeSuite(xml, suite);
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
      out.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeSuite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
    GateResult result = suite.result();
    List<GateCase> cases = result.cases();
    String name = xmlSafe(suite.name());
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", name);
    xml.writeAttribute("tests", Integer.toString(cases.size()));
    xml.writeAttribute("failures", Long.toString(cases.stream().filter(JunitReport::isFailure).count()));
    xml.writeAttribute("errors", Long.toString(cases.stream().filter(JunitReport::isError).count()));
    xml.writeAttribute("skipped", "0");
    xml.writeAttribute("time", format(seconds(suite)));
    writeProperties(xml, result);
    boolean repeated = cases.stream().anyMatch(c -> c.repetition() > 1);
    for (GateCase c : cases) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", name);
      String caseName = c.exampleId() + " · " + c.evaluator() + (repeated ? " #" + c.repetition() : "");
      xml.writeAttribute("name", xmlSafe(caseName));
      xml.writeAttribute("time", format(c.latencyMs() == null ? 0 : c.latencyMs() / 1000.0));
      if (isError(c)) {
        xml.writeStartElement("error");
        xml.writeAttribute("message", message(c.error()));
        xml.writeAttribute("type", "error");
        xml.writeCharacters(xmlSafe(c.error()));
        xml.writeEndElement();
      } else if (isFailure(c)) {
        xml.writeStartElement("failure");
        xml.writeAttribute("message", message(failureMessage(c)));
        xml.writeAttribute("type", "failed");
        xml.writeCharacters(xmlSafe(failureDetail(c)));
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void writeProperties(XMLStreamWriter xml, GateResult result) throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("properties");
    property(xml, "assay.experiment_id", result.experimentId());
    if (result.baselineId() != null) {
      property(xml, "assay.baseline_id", result.baselineId());
    }
    property(xml, "assay.gate", result.passed() ? "passed" : "failed");
    int i = 0;
    for (GateCheck check : result.checks()) {
      property(xml, "assay.check." + (++i), (check.passed() ? "PASS " : "FAIL ") + check.message());
    }
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeCharacters("\n      ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", xmlSafe(name));
    xml.writeAttribute("value", xmlSafe(value == null ? "" : value));
  }

  static boolean isError(GateCase c) {
    return c.error() != null;
  }

  static boolean isFailure(GateCase c) {
    return c.error() == null && Boolean.FALSE.equals(c.passed());
  }

  private static String failureMessage(GateCase c) {
    var sb = new StringBuilder(c.evaluator()).append(" did not pass");
    if (c.score() != null) {
      sb.append(": score ").append(format(c.score()));
    }
    if (c.label() != null) {
      sb.append(c.score() == null ? ": " : ", ").append("label ").append(c.label());
    }
    return sb.toString();
  }

  private static String failureDetail(GateCase c) {
    var sb = new StringBuilder(failureMessage(c));
    if (c.explanation() != null && !c.explanation().isBlank()) {
      sb.append('\n').append(c.explanation());
    }
    return sb.toString();
  }

  /** Attribute messages are one short line; the full text goes in the element body. */
  private static String message(String text) {
    String line = xmlSafe(text == null ? "" : text).replaceAll("\\s+", " ").strip();
    return line.length() > MESSAGE_LIMIT ? line.substring(0, MESSAGE_LIMIT) + "…" : line;
  }

  private static double seconds(Suite suite) {
    if (suite.time() != null) {
      return suite.time().toMillis() / 1000.0;
    }
    return suite.result().cases().stream().mapToDouble(c -> c.latencyMs() == null ? 0 : c.latencyMs()).sum()
        / 1000.0;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /**
   * Replaces every code point XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone
   * surrogates) with a visible {@code \\uXXXX}, so the text survives and the document stays well-formed.
   */
  static String xmlSafe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(ch)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (sb != null) {
            sb.append(ch).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(ch)) {
        ok = false;
      } else {
        ok = ch == '\t' || ch == '\n' || ch == '\r' || (ch >= 0x20 && ch != 0xFFFE && ch != 0xFFFF);
      }
      if (!ok && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (ok) {
          sb.append(ch);
        } else {
          sb.append(String.format(Locale.ROOT, "\\u%04X", (int) ch));
        }
      }
    }
    return sb == null ? text : sb.toString();
  }
}
