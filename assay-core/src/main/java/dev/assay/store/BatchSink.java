package dev.assay.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes one group-commit batch inside a transaction that the {@link BatchingWriter} opens and commits.
 * Implementations must be idempotent for rows already stored (a client may resend a batch whose
 * acknowledgement it never received).
 */
@FunctionalInterface
public interface BatchSink<T> {
  void write(Handle transaction, List<T> rows) throws Exception;
}
