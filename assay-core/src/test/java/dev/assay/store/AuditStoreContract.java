package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.audit.AuditEntry;
import dev.assay.audit.AuditQuery;
import dev.assay.audit.AuditStore;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code audit_log}: appended entries read back newest first, paged and filtered. */
public abstract class AuditStoreContract extends StoreContract {

  private AuditStore audit() {
    return store().audit();
  }

  private AuditEntry append(String userId, String operation) {
    clock.advance(Duration.ofSeconds(1));
    AuditEntry e = new AuditEntry(Ids.newId(clock), clock.instant(), userId, "key-1", "10.1.2.3", operation,
        "{\"name\":\"x\"}");
    audit().append(e);
    return e;
  }

  @Test
  void list_pagesNewestFirst_acrossEntriesWithTheSameInstant() {
    List<AuditEntry> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      written.add(append("u-1", "POST /v2/users"));
    }
    // Two entries at one instant: the id breaks the tie, so paging neither repeats nor skips one.
    AuditEntry twin = new AuditEntry(Ids.newId(clock), written.get(4).at(), "u-1", null, null, "DELETE /v2/x", null);
    audit().append(twin);
    written.add(twin);

    List<AuditEntry> seen = new ArrayList<>();
    Page<AuditEntry> page = audit().list(AuditQuery.all(), PageRequest.first(2));
    seen.addAll(page.items());
    while (page.hasMore()) {
      page = audit().list(AuditQuery.all(), new PageRequest(page.nextCursor(), 2));
      seen.addAll(page.items());
    }

    List<AuditEntry> expected = new ArrayList<>(written);
    expected.sort((a, b) -> a.at().equals(b.at()) ? b.id().compareTo(a.id()) : b.at().compareTo(a.at()));
    assertEquals(expected, seen);
  }

  @Test
  void list_filtersByTimeUserAndOperation() {
    AuditEntry a = append("u-a", "POST /v2/users");
    AuditEntry b = append("u-b", "DELETE /v2/spaces/s1");
    AuditEntry c = append("u-a", "DELETE /v2/users/u-b");
    Instant afterA = a.at().plusMillis(1);

    assertEquals(List.of(c, b), audit().list(new AuditQuery(afterA, null, null), PageRequest.firstDefault()).items());
    assertEquals(List.of(b, a), audit().list(new AuditQuery(null, c.at(), null), PageRequest.firstDefault()).items());
    assertEquals(List.of(c, a), audit().list(new AuditQuery(null, null, "u-a"), PageRequest.firstDefault()).items());
    assertEquals(List.of(c, b), audit().list(new AuditQuery(null, null, null, "delete"), PageRequest.firstDefault())
        .items());
  }

  @Test
  void list_refusesABadCursor() {
    assertThrows(InvalidInputException.class,
        () -> audit().list(AuditQuery.all(), new PageRequest("not-a-cursor", 2)));
  }
}
