package dev.assay.server;

import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one line per HTTP request, written when the response is complete, in logfmt:
 * {@code method=GET path=/healthz status=200 duration_ms=0.8 bytes=15 remote=127.0.0.1}.
 *
 * <p>It is Jetty's request log rather than a Javalin request logger so that requests Javalin never sees
 * (malformed, headers too large) are logged too, and so that {@code bytes} counts what was really sent.
 * The query string is left out: it may carry tokens.
 */
final class AccessLog implements RequestLog {
  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

  private final Consumer<String> sink;

  /** Logs through slf4j at INFO on logger {@code dev.assay.server.AccessLog}. */
  AccessLog() {
    this(log::info);
  }

  /** Sends each line to {@code sink} (tests capture lines this way). */
  AccessLog(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public void log(Request request, Response response) {
    double millis = (System.nanoTime() - request.getBeginNanoTime()) / 1_000_000.0;
    sink.accept("method=" + value(request.getMethod())
        + " path=" + value(request.getHttpURI().getPath())
        + " status=" + response.getStatus()
        + " duration_ms=" + String.format(Locale.ROOT, "%.1f", millis)
        + " bytes=" + Response.getContentBytesWritten(response)
        + " remote=" + value(Request.getRemoteAddr(request)));
  }

  /** Quotes a value only when it would otherwise break the key=value layout. */
  static String value(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "\"\"";
    }
    boolean plain = raw.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '=' && c != '\\');
    if (plain) {
      return raw;
    }
    StringBuilder quoted = new StringBuilder(raw.length() + 2).append('"');
    raw.chars().forEach(c -> {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append((char) c);
      } else if (c < ' ' || c == 127) {
        quoted.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        quoted.append((char) c);
      }
    });
    return quoted.append('"').toString();
  }
}
