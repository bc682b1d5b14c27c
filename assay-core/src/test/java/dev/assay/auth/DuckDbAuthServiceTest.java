package dev.assay.auth;

import dev.assay.store.Database;
import dev.assay.testing.DuckDbExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authentication and the permission rules of the auth services over a real DuckDB file. */
class DuckDbAuthServiceTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  @Nested
  class Authentication extends AuthServiceContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }

  @Nested
  class Permissions extends PermissionContract {
    @Override
    protected Database database() {
      return duckDb.database();
    }
  }
}
