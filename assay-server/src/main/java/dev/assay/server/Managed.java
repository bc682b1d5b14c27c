package dev.assay.server;

/**
 * A background part of the server with a start and a stop, such as the batching writer or the job worker
 * pool. {@link AssayServer} starts these after the store and before HTTP, and stops them in reverse order
 * after HTTP and before the store.
 *
 * @param name shown in logs when the part fails to stop
 * @param start starts the part; throwing aborts the server's start
 * @param stop stops the part, waiting for its work within the configured shutdown timeout
 */
public record Managed(String name, Runnable start, Runnable stop) {
  public Managed {
    if (name == null || start == null || stop == null) {
      throw new NullPointerException("name, start and stop are required");
    }
  }
}
