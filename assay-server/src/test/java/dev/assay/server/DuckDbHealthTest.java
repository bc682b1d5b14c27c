package dev.assay.server;

import dev.assay.config.AssayConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DuckDbHealthTest extends HealthContract {
  @TempDir Path workingDir;

  @Override
  AssayConfig config() {
    return AssayConfig.defaults(workingDir);
  }

  @Override
  String expectedDialect() {
    return "duckdb";
  }
}
