package dev.assay.server;

import static dev.assay.server.AuthTestServer.bearer;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.audit.AuditEntry;
import dev.assay.audit.AuditQuery;
import dev.assay.config.AssayConfig;
import dev.assay.shared.PageRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Successful calls of audited routes are in the audit log with who, what and a redacted body; others are not. */
class AuditRecordingTest {
  @TempDir Path workingDir;

  @Test
  void auditedCalls_areRecorded_withSecretsRedacted_andRefusedOrPlainCallsAreNot() {
    try (AuthTestServer s = AuthTestServer.start(AssayConfig.defaults(workingDir)
        .withSecurity(AuthTestServer.authOn(AssayConfig.defaults(workingDir)).security()
            .withAllowedHosts(List.of("127.0.0.1"))))) {
      String[] admin = bearer(s.adminKey);
      HttpTestClient.Reply model = s.client().send("POST", "/v2/ai-integrations", "{\"name\": \"m\", \"provider\": \"CUSTOM\","
          + " \"base_url\": \"http://127.0.0.1:9/v1\", \"api_key\": \"sk-very-secret-1\", \"headers\": {\"X-Team\": "
          + "\"team-secret-2\"}}", admin);
      assertEquals(201, model.status(), model.body());
      assertEquals(201, s.client().send("POST", "/v2/projects", "{\"name\": \"p\"}", admin).status(), "not audited");
      assertEquals(204, s.client().send("DELETE", "/v2/projects/p", null, admin).status());
      assertEquals(404, s.client().send("DELETE", "/v2/projects/p", null, admin).status(), "a failed call: not audited");

      List<AuditEntry> entries = s.services().audit().list(s.adminPrincipal(),
          new AuditQuery(null, null, null, null), PageRequest.first(100)).items();
      List<String> operations = entries.stream().map(AuditEntry::operation).sorted().toList();
      assertTrue(operations.contains("POST /v2/ai-integrations"), operations.toString());
      assertTrue(operations.contains("DELETE /v2/projects/{project_id}"), operations.toString());
      assertEquals(1, operations.stream().filter(o -> o.startsWith("DELETE")).count(), operations.toString());
      assertFalse(operations.contains("POST /v2/projects"), operations.toString());
      AuditEntry created = entries.stream().filter(e -> e.operation().equals("POST /v2/ai-integrations")).findFirst()
          .orElseThrow();
      assertEquals(s.admin.id(), created.userId());
      assertTrue(created.text().contains("\"name\":\"m\""), created.text());
      assertFalse(created.text().contains("sk-very-secret-1"), created.text());
      assertFalse(created.text().contains("team-secret-2"), created.text());
      assertTrue(created.text().contains("\"api_key\":\"********\""), created.text());
      assertEquals("127.0.0.1", created.ip());
    }
  }
}
