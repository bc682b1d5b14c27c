package dev.assay.server;

import dev.assay.config.AssayConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm OTLP trace exporters ({@code @opentelemetry/exporter-trace-otlp-proto} and {@code -http}, plain and
 * gzip) with OpenInference attributes from {@code @arizeai/openinference-semantic-conventions}: the Node tests
 * in {@code clients/otlp-js} send to a live server on a temporary DuckDB and read every mapped field back.
 */
class OtlpJsExporterTest {
  @TempDir Path workingDir;

  @Test
  void theNpmExportersSpansArriveWithEveryMappedField() throws Exception {
    NodeHarness tests = NodeHarness.installed("clients/otlp-js");
    try (TestServer server = TestServer.start(AssayConfig.defaults(workingDir))) {
      tests.runTests(Map.of("ASSAY_URL", "http://127.0.0.1:" + server.server.port()));
    }
  }
}
