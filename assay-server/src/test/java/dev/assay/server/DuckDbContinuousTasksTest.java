package dev.assay.server;

import dev.assay.config.AssayConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DuckDbContinuousTasksTest extends ContinuousTasksContract {
  @TempDir Path workingDir;

  @Override
  AssayConfig database() {
    return AssayConfig.defaults(workingDir);
  }
}
