package dev.assay.server;

import dev.assay.config.AssayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the HTTP contracts: a real server per test on the database the subclass's {@link #config()}
 * names (one short subclass per database), with the /v2 test client over it. Subclasses add their own
 * {@code @BeforeEach} set-up, which JUnit runs after this one's.
 */
abstract class LiveServerContract {
  protected TestServer server;
  protected V2TestClient v2;

  abstract AssayConfig config();

  @BeforeEach
  final void startServer() {
    server = TestServer.start(config());
    v2 = new V2TestClient(server.client);
  }

  @AfterEach
  final void stopServer() {
    server.close();
  }
}
