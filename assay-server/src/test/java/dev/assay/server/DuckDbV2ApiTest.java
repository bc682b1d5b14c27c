package dev.assay.server;

import dev.assay.config.AssayConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The /v2 API contracts against a server on a temporary DuckDB file. */
class DuckDbV2ApiTest {
  @TempDir Path workingDir;

  AssayConfig config() {
    return AssayConfig.defaults(workingDir);
  }

  @Nested
  class Spaces extends SpacesApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Projects extends ProjectsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Spans extends SpansApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Traces extends TracesApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Sessions extends SessionsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class SpanFeedback extends SpanFeedbackApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Exports extends ExportApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Evaluators extends EvaluatorsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Evaluations extends EvaluationsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class AiIntegrations extends AiIntegrationsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Tasks extends TasksApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Experiments extends ExperimentsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Datasets extends DatasetsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Prompts extends PromptsApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class Identity extends IdentityApiContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }

  @Nested
  class AuthorizationMatrix extends AuthorizationMatrixContract {
    @Override
    AssayConfig config() {
      return DuckDbV2ApiTest.this.config();
    }
  }
}
