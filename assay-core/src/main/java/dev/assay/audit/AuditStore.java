package dev.assay.audit;

import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;

/** The append-only audit log. */
public interface AuditStore {

  /** Stores an entry as given (the service assigns its id and time). */
  void append(AuditEntry entry);

  /** Entries matching {@code query}, newest first (then by id, descending). */
  Page<AuditEntry> list(AuditQuery query, PageRequest page);
}
