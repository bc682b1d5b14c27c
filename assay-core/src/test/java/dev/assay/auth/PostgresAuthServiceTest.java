package dev.assay.auth;

import dev.assay.store.Database;
import dev.assay.testing.PostgresExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authentication and the permission rules of the auth services over the test PostgreSQL (scripts/pg-start.sh);
 * fails, never skips, without it.
 */
@ExtendWith(PostgresExtension.class)
class PostgresAuthServiceTest {

  @Nested
  class Authentication extends AuthServiceContract {
    @Override
    protected Database database() {
      return PostgresExtension.database();
    }
  }

  @Nested
  class Permissions extends PermissionContract {
    @Override
    protected Database database() {
      return PostgresExtension.database();
    }
  }
}
