package dev.assay.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 for tests: the user's endpoint that Assay delivers to (not a fake of anything
 * Assay depends on). It records every request and answers from a script of {@link Answer}s, then 200 {@code ok}.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived; header names are lower case. */
  public record Request(String method, String path, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Checks {@code X-Assay-Signature: t=<unix>,v1=<hex>} as a receiver would: HMAC-SHA256 with the shared secret
     * over {@code t + "." + body}, compared in constant time, and {@code t} within {@code tolerance} of now.
     */
    public boolean signatureValid(String secret, Duration tolerance) {
      String header = header("X-Assay-Signature");
      if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
        return false;
      }
      String[] parts = header.split(",");
      long t = Long.parseLong(parts[0].substring(2));
      if (Math.abs(System.currentTimeMillis() / 1000 - t) > tolerance.toSeconds()) {
        return false;
      }
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts[1].substring(3)));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** One scripted answer: a status, headers and a body, after an optional delay. */
  public record Answer(int status, Map<String, String> headers, String body, Duration delay) {
    public static Answer status(int status) {
      return new Answer(status, Map.of(), "status " + status, Duration.ZERO);
    }

    public static Answer redirect(int status, String location) {
      return new Answer(status, Map.of("Location", location), "", Duration.ZERO);
    }

    public static Answer body(int status, String body) {
      return new Answer(status, Map.of(), body, Duration.ZERO);
    }

    public static Answer slow(Duration delay) {
      return new Answer(200, Map.of(), "late", delay);
    }

    /** Echoes the request's headers back as the body, as some debugging endpoints do. */
    public static Answer echoHeaders() {
      return new Answer(200, Map.of(), null, Duration.ZERO);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<Answer> script = new ConcurrentLinkedQueue<>();

  private WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public static WebhookReceiver start() {
    try {
      WebhookReceiver receiver = new WebhookReceiver();
      receiver.server.start();
      return receiver;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the webhook receiver", e);
    }
  }

  /** Answers the next requests with these, in order; later requests get 200. */
  public WebhookReceiver answer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(headers), body));
      Answer answer = script.poll();
      if (answer == null) {
        answer = Answer.body(200, "ok");
      }
      if (!answer.delay().isZero()) {
        try {
          Thread.sleep(answer.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      String text = answer.body() == null ? headers.toString() : answer.body();
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
