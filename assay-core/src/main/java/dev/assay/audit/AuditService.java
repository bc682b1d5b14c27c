package dev.assay.audit;

import dev.assay.auth.Principal;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Clock;

/**
 * The audit log of administrative actions (keys, users, roles, deletes, model configs, webhooks, spaces). The HTTP
 * layer records each audited request after it succeeded; only account ADMINs read the log.
 */
public final class AuditService {
  private static final int MAX_TEXT = 16 * 1024;
  private static final int MAX_OPERATION = 512;

  private final AuditStore store;
  private final Clock clock;

  public AuditService(AuditStore store, Clock clock) {
    if (store == null || clock == null) {
      throw new NullPointerException("store and clock are required");
    }
    this.store = store;
    this.clock = clock;
  }

  /**
   * Appends an entry for {@code actor} (local mode: no user).
   *
   * @param text the request body with secrets already redacted by the caller, or null; cut at 16 KiB
   */
  public AuditEntry record(Principal actor, String ip, String operation, String text) {
    if (operation == null || operation.isBlank()) {
      throw new InvalidInputException("operation is required");
    }
    AuditEntry entry = new AuditEntry(Ids.newId(clock), clock.instant(), actor.isLocal() ? null : actor.user().id(),
        actor.apiKeyId(), ip, cut(operation.strip(), MAX_OPERATION), text == null ? null : cut(text, MAX_TEXT));
    store.append(entry);
    return entry;
  }

  /** Entries newest first (account ADMIN). */
  public Page<AuditEntry> list(Principal caller, AuditQuery query, PageRequest page) {
    if (!caller.isAccountAdmin()) {
      throw new ForbiddenException("reading the audit log needs the account ADMIN role");
    }
    AuditQuery q = query == null ? AuditQuery.all() : query;
    if (q.start() != null && q.end() != null && !q.start().isBefore(q.end())) {
      throw new InvalidInputException("start_time must be before end_time");
    }
    return store.list(q, page);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
