package dev.assay.cli.ci;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;

/** Reads JUnit XML with Maven Surefire's own report parser: what CI systems accept, not what we hope they do. */
final class JunitXml {
  private JunitXml() {}

  static List<ReportTestSuite> parse(String xml) throws Exception {
    var parser = new TestSuiteXmlParser(new NullConsoleLogger());
    var suites = parser.parse(new InputStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8));
    if (!parser.isValid()) {
      throw new AssertionError("Surefire's parser rejected the XML:\n" + xml);
    }
    return suites;
  }

  static List<ReportTestSuite> parse(Path file) throws Exception {
    return parse(Files.readString(file));
  }
}
