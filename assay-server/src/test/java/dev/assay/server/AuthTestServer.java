package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccountRole;
import dev.assay.auth.AuthServices;
import dev.assay.auth.CreatedUser;
import dev.assay.auth.NewUser;
import dev.assay.auth.Principal;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.config.AssayConfig;
import dev.assay.shared.PageRequest;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real {@link AssayServer} with authentication on (as {@code ASSAY_AUTH=on} starts it), its first account admin
 * bootstrapped from the security settings, and helpers that create users, grant space roles and mint API keys
 * through the real account services. Every response is secret-scanned like any {@link TestServer}'s.
 *
 * <pre>{@code
 * try (AuthTestServer s = AuthTestServer.start(AssayConfig.defaults(dir))) {
 *   User bob = s.createUser("bob@example.com", AccountRole.MEMBER, Map.of(spaceId, SpaceRole.VIEWER));
 *   String key = s.apiKey(bob);
 *   s.client().get("/v2/projects", AuthTestServer.bearer(key));
 * }
 * }</pre>
 */
final class AuthTestServer implements AutoCloseable {
  static final String ADMIN_EMAIL = "admin@assay.test";
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  /** Every user this fixture creates has this password. */
  static final String PASSWORD = "user-password-for-tests";

  final TestServer server;
  final User admin;
  /** An API key of the account admin. */
  final String adminKey;

  private AuthTestServer(TestServer server) {
    this.server = server;
    this.admin = services().users().list(Principal.local(), ADMIN_EMAIL, PageRequest.first(1)).items().getFirst();
    this.adminKey = apiKey(admin);
  }

  /** Starts {@code config} with authentication on and the fixture's account admin. */
  static AuthTestServer start(AssayConfig config) {
    return withRoutes(config, routes -> {});
  }

  static AuthTestServer withRoutes(AssayConfig config, Consumer<RoutesConfig> routes) {
    return new AuthTestServer(TestServer.withRoutes(authOn(config), routes));
  }

  /** {@code config} with authentication on and the fixture's first admin. */
  static AssayConfig authOn(AssayConfig config) {
    return config.withSecurity(config.security().withAuth(true).withAdmin(ADMIN_EMAIL, ADMIN_PASSWORD));
  }

  HttpTestClient client() {
    return server.client;
  }

  AuthServices services() {
    return server.server.auth();
  }

  /** The account admin as a principal, for calling the services directly. */
  Principal adminPrincipal() {
    return new Principal(admin, Map.of(), null);
  }

  /** A user with {@link #PASSWORD} (no change required) and these space roles. */
  User createUser(String email, AccountRole role, Map<String, SpaceRole> spaceRoles) {
    CreatedUser created = services().users().create(adminPrincipal(),
        new NewUser(email.substring(0, email.indexOf('@')), email, role, PASSWORD, false));
    spaceRoles.forEach((spaceId, spaceRole) -> grant(created.user(), spaceId, spaceRole));
    return created.user();
  }

  /** Gives {@code user} {@code role} in the space with store id {@code spaceId}. */
  void grant(User user, String spaceId, SpaceRole role) {
    services().memberships().put(adminPrincipal(), spaceId, user.id(), role);
  }

  /** The principal {@code user} has now (its current memberships). */
  Principal principal(User user) {
    return new Principal(user, services().memberships().rolesOf(user.id()), null);
  }

  /** A new USER key of {@code user} that never expires: the secret, shown once. */
  String apiKey(User user) {
    return services().apiKeys().createUserKey(principal(user), "test key", null, null).secret();
  }

  /** The header pair for a Bearer key, for {@link HttpTestClient}'s header arguments. */
  static String[] bearer(String key) {
    return new String[] {"Authorization", "Bearer " + key};
  }

  /** A signed-in browser: its cookie and CSRF token, from a real {@code POST /auth/login}. */
  record Browser(String cookie, String csrf) {
    /** Headers for a GET (cookie only). */
    String[] read() {
      return new String[] {"Cookie", cookie};
    }

    /** Headers for a change (cookie and CSRF token). */
    String[] write() {
      return new String[] {"Cookie", cookie, "X-CSRF-Token", csrf};
    }
  }

  /** Signs {@code email} in over HTTP with {@code password}. */
  Browser login(String email, String password) {
    HttpTestClient.Reply reply = client().post("/auth/login", V2TestClient.body("email", email, "password", password));
    assertEquals(200, reply.status(), reply.body());
    String setCookie = reply.header("set-cookie");
    JsonNode body = reply.json();
    return new Browser(setCookie.substring(0, setCookie.indexOf(';')), body.get("csrf_token").asText());
  }

  /** The store id of a space created by the account admin over /v2. */
  String createSpace(String name) {
    HttpTestClient.Reply reply = client().send("POST", "/v2/spaces", V2TestClient.body("name", name), bearer(adminKey));
    assertEquals(201, reply.status(), reply.body());
    return dev.assay.server.v2.ApiIds.decode("Space", reply.json().get("id").asText());
  }

  @Override
  public void close() {
    server.close();
  }
}
