package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccountRole;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.config.AssayConfig;
import dev.assay.server.auth.Access;
import dev.assay.server.auth.Audited;
import dev.assay.server.v2.ApiIds;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix (issue 8's "done when"): every route of the running app's route table × every kind of
 * caller, against real fixtures in two spaces, alpha and bravo. Callers are alpha's VIEWER, MEMBER and ADMIN (API
 * keys), alpha's MEMBER signed in through a browser session with its CSRF token, nobody, and the account admin.
 *
 * <p>For every route: no credentials is 401 (unless PUBLIC); a caller below the route's role is 403; a caller of
 * alpha allowed by its role but naming bravo's fixtures gets 403 or 404, never a success; no answer to an alpha
 * caller carries bravo's data; and afterwards both spaces hold exactly what they held before. A route without an
 * {@link Access} fails the test, as does a DELETE that is not {@link Audited}.
 */
abstract class AuthorizationMatrixContract {
  private AuthTestServer s;
  private MatrixSpace alpha;
  private MatrixSpace bravo;

  abstract AssayConfig config();

  @BeforeEach
  final void start() {
    AssayConfig base = config();
    s = AuthTestServer.start(base.withSecurity(base.security().withAllowedHosts(List.of("127.0.0.1"))));
    alpha = MatrixSpace.create(s, "alpha", 'a');
    bravo = MatrixSpace.create(s, "bravo", 'b');
  }

  @AfterEach
  final void stop() {
    s.close();
  }

  /** A caller: its name in failures, its headers for reads and for changes, its highest space role (null: none). */
  private record Caller(String name, String[] read, String[] write, SpaceRole role, boolean accountAdmin) {}

  private record Route(String method, String path, Access access, boolean audited) {}

  @Test
  void everyRoute_byEveryCaller_allowsOnlyWhatItsRoleAllows_andNeverTouchesTheOtherSpace() {
    List<Route> routes = routes();
    List<Caller> callers = new ArrayList<>();
    for (SpaceRole role : SpaceRole.values()) {
      User user = s.createUser(role.name().toLowerCase() + "-of-alpha@assay.test", AccountRole.MEMBER,
          Map.of(ApiIds.decode("Space", alpha.spaceId()), role));
      String[] key = AuthTestServer.bearer(s.apiKey(user));
      callers.add(new Caller(role + " of alpha (API key)", key, key, role, false));
    }
    s.createUser("browser@assay.test", AccountRole.MEMBER, Map.of(ApiIds.decode("Space", alpha.spaceId()), SpaceRole.MEMBER));
    AuthTestServer.Browser browser = s.login("browser@assay.test", AuthTestServer.PASSWORD);
    callers.add(new Caller("MEMBER of alpha (browser session)", browser.read(), browser.write(), SpaceRole.MEMBER, false));
    Map<String, String> alphaBefore = alpha.snapshot(s);
    Map<String, String> bravoBefore = bravo.snapshot(s);

    List<String> failures = new ArrayList<>();
    List<List<String>> bravoMarkers = bravo.markers();
    for (Route route : routes) {
      MatrixRequests.Req req = MatrixRequests.of(route.method(), route.path(), bravo);
      if (route.access() != Access.PUBLIC) {
        expect(failures, route, "nobody", send(req, new String[0]), Set.of(401));
      }
      if (!route.method().equals("GET") && route.access() != Access.PUBLIC) {
        expect(failures, route, "a browser session without its CSRF token", send(req, browser.read()), Set.of(403));
      }
      for (Caller caller : callers) {
        if (route.path().equals("/auth/logout") && caller.name().contains("browser")) {
          continue; // signing the browser out would end its session for the rest of the matrix
        }
        HttpTestClient.Reply reply = send(req, route.method().equals("GET") ? caller.read() : caller.write());
        leakCheck(failures, route, caller.name(), req, reply, bravoMarkers);
        switch (route.access()) {
          case PUBLIC -> { }
          case AUTHENTICATED -> {
            if (MatrixRequests.OWNED.contains(route.method() + " " + route.path())) {
              expect(failures, route, caller.name() + " naming bravo's", reply, Set.of(403, 404));
            }
          }
          case ACCOUNT_ADMIN -> expect(failures, route, caller.name(), reply, Set.of(403));
          case VIEWER, MEMBER, ADMIN -> {
            if (!caller.role().atLeast(route.access().spaceRole())) {
              expect(failures, route, caller.name() + " (role too low)", reply, Set.of(403));
            } else if (!req.namesOther()) {
              expect(failures, route, caller.name() + " (a list of its own spaces)", reply, Set.of(200));
            } else if (req.known()) {
              expect(failures, route, caller.name() + " naming bravo's fixtures", reply, Set.of(403, 404));
            } else if (reply.status() < 300) {
              failures.add(route + " by " + caller.name() + " naming bravo: " + reply.status() + " " + reply.body());
            }
          }
        }
      }
    }
    // The positive control: the account admin reads each of bravo's fixtures through the same requests, so the 404s
    // above are refusals and not malformed requests.
    for (Route route : routes) {
      MatrixRequests.Req req = MatrixRequests.of(route.method(), route.path(), bravo);
      if (route.method().equals("GET") && req.known() && route.access() != Access.PUBLIC) {
        HttpTestClient.Reply reply = send(req, AuthTestServer.bearer(s.adminKey));
        if (reply.status() != 200) {
          failures.add(route + " by the account admin: " + reply.status() + " " + reply.body());
        }
      }
    }
    assertEquals(List.of(), failures, failures.size() + " failures");
    assertEquals(alphaBefore, alpha.snapshot(s), "alpha is unchanged");
    assertEquals(bravoBefore, bravo.snapshot(s), "bravo is unchanged");
  }

  /** The route table as Javalin has it: every HTTP route must carry exactly one Access, and every DELETE be audited. */
  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (var parsed : s.server.server.app().unsafe.internalRouter.allHttpHandlers()) {
      Endpoint e = parsed.endpoint;
      if (!e.method.isHttpMethod() || e.method == HandlerType.HEAD || e.method == HandlerType.OPTIONS) {
        continue;
      }
      Roles roles = e.metadata(Roles.class);
      Set<RouteRole> declared = roles == null ? Set.of() : roles.getRoles();
      List<Access> access = declared.stream().filter(Access.class::isInstance).map(Access.class::cast).toList();
      String name = e.method.name() + " " + e.path;
      if (access.size() != 1) {
        problems.add(name + " declares " + access.size() + " Access values");
        continue;
      }
      boolean audited = declared.contains(Audited.YES);
      if (e.method == HandlerType.DELETE && !audited) {
        problems.add(name + " is a DELETE that is not audited");
      }
      if (seen.add(name)) {
        routes.add(new Route(e.method.name(), e.path, access.getFirst(), audited));
      }
    }
    assertEquals(List.of(), problems, "the route table");
    assertTrue(routes.size() > 90, "the whole route table: " + routes.size());
    return routes;
  }

  private HttpTestClient.Reply send(MatrixRequests.Req req, String[] auth) {
    String[] headers = new String[req.headers().length + auth.length];
    System.arraycopy(req.headers(), 0, headers, 0, req.headers().length);
    System.arraycopy(auth, 0, headers, req.headers().length, auth.length);
    if (req.contentType() != null) {
      return s.client().post(req.path(), req.contentType(), HttpRequest.BodyPublishers.ofString(req.body()), headers);
    }
    return s.client().send(req.method(), req.path(), req.body(), headers);
  }

  private static void expect(List<String> failures, Route route, String who, HttpTestClient.Reply reply,
      Set<Integer> statuses) {
    if (!statuses.contains(reply.status())) {
      failures.add(route.method() + " " + route.path() + " by " + who + ": expected " + statuses + ", got "
          + reply.status() + " " + abbreviate(reply.body()));
    }
  }

  /** Nothing of bravo's in an answer to a caller of alpha, unless the request itself carried it. */
  private static void leakCheck(List<String> failures, Route route, String who, MatrixRequests.Req req,
      HttpTestClient.Reply reply, List<List<String>> markers) {
    StringBuilder sent = new StringBuilder(req.path()).append(' ').append(req.body() == null ? "" : req.body())
        .append(' ').append(String.join(" ", req.headers()));
    for (String segment : req.path().split("[/?&=]")) { // an id the caller sent, decoded, e.g. a binding's space id
      try {
        sent.append(' ').append(new String(Base64.getDecoder().decode(URLDecoder.decode(segment, StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notAnApiId) {
        // a plain segment
      }
    }
    for (List<String> forms : markers) {
      if (forms.stream().anyMatch(form -> sent.indexOf(form) >= 0)) {
        continue; // the caller named it: an error message may repeat it
      }
      for (String marker : forms) {
        if (reply.body().contains(marker)) {
          failures.add(route.method() + " " + route.path() + " by " + who + " answered bravo's '" + marker + "': "
              + abbreviate(reply.body()));
        }
      }
    }
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }
}
