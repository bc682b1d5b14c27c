package dev.assay.store;

import dev.assay.testing.DuckDbExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every store contract against a real DuckDB file. */
class DuckDbStoreTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  // One @Nested class per contract; keep them in this order.
  @Nested
  class Spaces extends SpaceStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Evaluations extends EvaluationStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Evaluators extends EvaluatorStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Prompts extends PromptStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class ModelConfigs extends ModelConfigStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Projects extends ProjectStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class SpanWriter extends SpanWriterContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }

    @Override
    protected String crashDatabaseUrl(Path dir) {
      return "duckdb:" + dir.resolve("crash.duckdb"); // a second process cannot open the suite's file
    }
  }

  @Nested
  class Jobs extends JobQueueContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Filters extends FilterContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class SpanSearch extends SpanSearchContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class TraceQueries extends TraceQueryContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class SpanModel extends SpanModelContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class SpanExport extends SpanExportContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class SpanOutbox extends SpanOutboxContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Tasks extends TaskStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class TaskPending extends TaskPendingContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class TaskTargets extends TaskTargetContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Datasets extends DatasetStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Experiments extends ExperimentStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Auth extends AuthStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Audit extends AuditStoreContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }
}
