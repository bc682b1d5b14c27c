package dev.assay.server;

import dev.assay.config.ConfigKey;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/** Turns a failure to listen on host:port into one line that says what to change. */
final class Binding {
  private Binding() {}

  /**
   * Fails when host:port cannot be bound right now. Run before the database is opened, so a second server
   * on the same port reports the port and not, say, a locked DuckDB file. Port 0 always succeeds.
   */
  static void requireFree(String host, int port) {
    requireFree(host, port, ConfigKey.PORT);
  }

  /** As {@link #requireFree(String, int)}, for the port set by {@code key} (e.g. the gRPC port). */
  static void requireFree(String host, int port, ConfigKey key) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as Jetty does, so a port in TIME_WAIT is not reported as in use
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw failure(host, port, key, e);
    }
  }

  /** The one-line exception for a bind failure found anywhere in {@code cause}'s chain. */
  static ServerStartException failure(String host, int port, Throwable cause) {
    return failure(host, port, ConfigKey.PORT, cause);
  }

  /** As {@link #failure(String, int, Throwable)}, naming {@code key} as the setting to change. */
  static ServerStartException failure(String host, int port, ConfigKey key, Throwable cause) {
    Throwable t = cause;
    while (t != null && !(t instanceof BindException) && t.getCause() != t) {
      t = t.getCause();
    }
    if (t == null) { // e.g. Netty's native transport reports a bind failure as a plain IOException
      t = cause;
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
    }
    String reason = t.getMessage();
    String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    String message;
    if (lower.contains("already in use")) {
      message = "port " + port + " is already in use on " + host + "; set " + key.howToSet();
    } else if (lower.contains("permission denied")) {
      message = "port " + port + " on " + host + " needs elevated privileges; set " + key.howToSet()
          + " to a port above 1023";
    } else if (lower.contains("cannot assign requested address")) {
      message = "cannot listen on " + host + ": it is not an address of this machine; set " + ConfigKey.HOST.howToSet();
    } else {
      message = "cannot listen on " + host + ":" + port + ": " + reason;
    }
    return new ServerStartException(message, cause);
  }
}
