package dev.assay.server;

import static dev.assay.server.AuthTestServer.bearer;
import static dev.assay.server.OtlpReceiverContract.randomSpanId;
import static dev.assay.server.OtlpReceiverContract.randomTraceId;
import static dev.assay.server.OtlpReceiverContract.request;
import static dev.assay.server.OtlpReceiverContract.span;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccountRole;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.config.AssayConfig;
import dev.assay.server.v2.ApiIds;
import dev.assay.spaces.Space;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTLP/HTTP and OTLP/gRPC with authentication on: who may send spans, and into which space they go. */
class OtlpAuthTest {
  @TempDir Path workingDir;
  private AuthTestServer s;
  private String alpha;
  private String bravo;

  @BeforeEach
  void start() {
    s = AuthTestServer.start(AssayConfig.defaults(workingDir));
    alpha = s.createSpace("alpha");
    bravo = s.createSpace("bravo");
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private HttpTestClient.Reply http(String project, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "x-project-name";
    all[1] = project;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return s.client().post("/v1/traces", "application/x-protobuf",
        HttpRequest.BodyPublishers.ofByteArray(request("r", span(randomTraceId(), randomSpanId())).toByteArray()), all);
  }

  /** The space a project of that name was created in, or null when none exists. */
  private String spaceOf(String project) {
    JsonNode found = s.client().get("/v2/projects?name=" + q(project), bearer(s.adminKey)).json().get("projects");
    return found.isEmpty() ? null : ApiIds.decode("Space", found.get(0).get("space_id").asText());
  }

  @Test
  void http_needsAKey_andAWriter_andGoesToTheNamedOrOnlySpace() {
    problem(http("p0"), 401);
    problem(http("p0", "Authorization", "Bearer ak-wrong"), 401);
    User viewer = s.createUser("viewer@assay.test", AccountRole.MEMBER, Map.of(alpha, SpaceRole.VIEWER));
    problem(http("p0", bearer(s.apiKey(viewer))), 403);

    User member = s.createUser("member@assay.test", AccountRole.MEMBER, Map.of(alpha, SpaceRole.MEMBER));
    String key = s.apiKey(member);
    assertEquals(200, http("only-space", bearer(key)).status(), "the caller's only writable space");
    assertEquals(alpha, spaceOf("only-space"));
    problem(http("elsewhere", "Authorization", "Bearer " + key, "x-assay-space", "bravo"), 404);
    assertEquals(null, spaceOf("elsewhere"), "nothing was created in bravo");
    assertEquals(200, http("by-api-id", "api_key", key, "space_id", ApiIds.encode("Space", alpha)).status(),
        "AX's api_key and space_id headers");
    assertEquals(alpha, spaceOf("by-api-id"));

    s.grant(member, bravo, SpaceRole.MEMBER);
    String twoSpaces = s.apiKey(member);
    JsonNode ambiguous = problem(http("which", bearer(twoSpaces)), 403);
    assertTrue(ambiguous.get("detail").asText().contains("x-assay-space"), ambiguous.toString());
    assertEquals(200, http("which", "Authorization", "Bearer " + twoSpaces, "x-assay-space", "bravo").status());
    assertEquals(bravo, spaceOf("which"));
    s.grant(member, Space.DEFAULT_ID, SpaceRole.MEMBER);
    assertEquals(200, http("default-wins", bearer(s.apiKey(member))).status());
    assertEquals(Space.DEFAULT_ID, spaceOf("default-wins"));
  }

  @Test
  void grpc_readsTheKeyFromMetadata_withTheSameRules() {
    User member = s.createUser("member@assay.test", AccountRole.MEMBER, Map.of(alpha, SpaceRole.MEMBER));
    String key = s.apiKey(member);
    try (GrpcTestClient grpc = new GrpcTestClient(s.server.server.grpcPort())) {
      StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
          () -> grpc.export(request("g0", span(randomTraceId(), randomSpanId())), false));
      assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
      StatusRuntimeException bad = assertThrows(StatusRuntimeException.class,
          () -> grpc.export(request("g0", span(randomTraceId(), randomSpanId())), false, "authorization", "Bearer ak-x"));
      assertEquals(Status.Code.UNAUTHENTICATED, bad.getStatus().getCode());
      User viewer = s.createUser("viewer@assay.test", AccountRole.MEMBER, Map.of(alpha, SpaceRole.VIEWER));
      StatusRuntimeException reader = assertThrows(StatusRuntimeException.class, () -> grpc.export(
          request("g0", span(randomTraceId(), randomSpanId())), false, "authorization", "Bearer " + s.apiKey(viewer)));
      assertEquals(Status.Code.PERMISSION_DENIED, reader.getStatus().getCode());
      StatusRuntimeException other = assertThrows(StatusRuntimeException.class, () -> grpc.export(
          request("g-bravo", span(randomTraceId(), randomSpanId())), false, "authorization", "Bearer " + key,
          "x-assay-space", bravo));
      assertEquals(Status.Code.NOT_FOUND, other.getStatus().getCode());

      grpc.export(request("g1", span(randomTraceId(), randomSpanId())), false, "authorization", "Bearer " + key);
      assertEquals(alpha, spaceOf("g1"));
      grpc.export(request("g2", span(randomTraceId(), randomSpanId())), true, "api_key", key, "space_id", alpha);
      assertEquals(alpha, spaceOf("g2"));
      assertEquals(null, spaceOf("g-bravo"));
    }
  }
}
