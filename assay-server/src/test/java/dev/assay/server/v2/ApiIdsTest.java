package dev.assay.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiIdsTest {

  @Test
  void encode_isAxsForm_andDecodesBack() {
    assertEquals("UHJvamVjdDoxMjM0NQ==", ApiIds.encode("Project", "12345")); // AX's own example id
    assertEquals("12345", ApiIds.decode("Project", "UHJvamVjdDoxMjM0NQ=="));
    assertEquals("12345", ApiIds.decode("Project", "UHJvamVjdDoxMjM0NQ"), "padding is optional");
  }

  @Test
  void decode_leavesNamesRawIdsAndOtherTypesAlone() {
    String spaceId = ApiIds.encode("Space", "s1");
    assertEquals(spaceId, ApiIds.decode("Project", spaceId));
    assertEquals("my project", ApiIds.decode("Project", "my project"));
    assertEquals("0190a1b2-0000-7000-8000-000000000001", ApiIds.decode("Project", "0190a1b2-0000-7000-8000-000000000001"));
    assertEquals("abcd", ApiIds.decode("Project", "abcd"));
    assertEquals(ApiIds.encode("Project", ""), ApiIds.decode("Project", ApiIds.encode("Project", "")));
    assertNull(ApiIds.decode("Project", null));
  }

  @Test
  void idsOfStoreUuids_needNoEscapingInPaths_andLookLikeIdsToTheAxClient() {
    for (int i = 0; i < 10_000; i++) {
      String id = ApiIds.encode(i % 2 == 0 ? "Project" : "Space", Ids.newId());
      assertFalse(id.contains("/") || id.contains("+"), id);
      // @arizeai/ax-client's isBase64Id: atob(value) succeeds and contains ':'
      assertTrue(new String(Base64.getDecoder().decode(id), StandardCharsets.UTF_8).contains(":"), id);
    }
  }
}
