package dev.assay.server;

import dev.assay.config.AssayConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DuckDbOtlpReceiverTest extends OtlpReceiverContract {
  @TempDir Path workingDir;

  @Override
  AssayConfig config() {
    return AssayConfig.defaults(workingDir);
  }
}
