package dev.assay.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String redact(String body) {
    return Redaction.redact(JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void secretKeys_atAnyDepth_andEveryHeaderValue_areMasked_andTheRestKept() {
    String out = redact("""
        {"name": "m", "api_key": "sk-1", "nested": {"Password": "p-2", "list": [{"auth_token": "t-3", "n": 1}]},
         "headers": {"X-Team": "h-4", "Accept": "json"}, "credentials": {"a": "c-5"}, "secret_ref": null,
         "authorization": "Bearer b-6", "temporary_password": "tp-7"}""");
    for (String secret : new String[] {"sk-1", "p-2", "t-3", "h-4", "json", "c-5", "b-6", "tp-7"}) {
      assertFalse(out.contains(secret), secret + " in " + out);
    }
    assertTrue(out.contains("\"name\":\"m\""), out);
    assertTrue(out.contains("\"n\":1"), out);
    assertTrue(out.contains("\"secret_ref\":null"), "a null stays null: " + out);
    assertTrue(out.contains("\"api_key\":\"********\""), out);
  }

  @Test
  void emptyOrNonJsonBodies_areNotKept() {
    assertEquals("", Redaction.redact(JSON, new byte[0]));
    String out = redact("password=hunter2hunter2");
    assertFalse(out.contains("hunter2"), out);
    assertTrue(out.contains("not JSON"), out);
  }

  @Test
  void secretKeyNames_matchAsPartsOfLongerNames() {
    for (String key : new String[] {"key", "api_key", "apiKey", "client_secret", "new_password", "auth_token",
        "Authorization", "aws_credentials"}) {
      assertTrue(Redaction.isSecretKey(key), key);
    }
    for (String key : new String[] {"name", "url", "space_id", "model"}) {
      assertFalse(Redaction.isSecretKey(key), key);
    }
  }
}
