package dev.assay.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.assay.shared.UnprocessableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redirects from an allowed local server, followed by hand with every hop checked. */
class OutboundRedirectTest {
  private HttpServer server;
  private HttpServer other;
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final AtomicInteger otherHits = new AtomicInteger();
  private OutboundPolicy policy;
  private HttpClient client;

  @BeforeEach
  void start() throws IOException {
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", exchange -> {
      otherHits.incrementAndGet();
      seen.put("other-auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      respond(exchange, 200, "other");
    });
    other.start();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      seen.put(path, exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.getRequestBody().readAllBytes();
      switch (path) {
        case "/to-metadata" -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data/");
        case "/to-other-port" -> redirect(exchange, 307, "http://127.0.0.1:" + other.getAddress().getPort() + "/x");
        case "/see-other" -> redirect(exchange, 303, "/done");
        case "/keep-method" -> redirect(exchange, 308, "/done");
        case "/loop" -> redirect(exchange, 302, "/loop");
        default -> respond(exchange, 200, "done");
      }
    });
    server.start();
    policy = OutboundPolicy.of(List.of("127.0.0.1:" + server.getAddress().getPort()));
    client = policy.newClient(Duration.ofSeconds(2)).build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    other.stop(0);
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange exchange, int status, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    respond(exchange, status, "moved");
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private HttpRequest post(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer secret")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
  }

  @Test
  void aRedirectToTheMetadataAddress_isRefusedBeforeConnecting() {
    UnprocessableException e = assertThrows(UnprocessableException.class,
        () -> policy.send(client, post("/to-metadata"), HttpResponse.BodyHandlers.ofString()));
    assertTrue(e.getMessage().contains("169.254.169.254 is a link-local address"), e.getMessage());
  }

  @Test
  void aRedirectToAnAddressOnlyAllowedOnAnotherPort_isRefused() {
    assertThrows(UnprocessableException.class,
        () -> policy.send(client, post("/to-other-port"), HttpResponse.BodyHandlers.ofString()));
    assertEquals(0, otherHits.get(), "the refused hop is never sent");
  }

  @Test
  void aRedirectToAnotherAllowedOrigin_isFollowedWithoutTheCallersCredentials() throws Exception {
    OutboundPolicy both = OutboundPolicy.of(List.of("127.0.0.1"));
    HttpResponse<String> response = both.send(client, post("/to-other-port"), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertEquals("other", response.body());
    assertEquals("null", seen.get("other-auth"), "Authorization stays with the origin it was meant for");
  }

  @Test
  void seeOther_becomesAGet_andPermanentRedirectKeepsThePost() throws Exception {
    HttpResponse<String> response = policy.send(client, post("/see-other"), HttpResponse.BodyHandlers.ofString());
    assertEquals("done", response.body());
    assertEquals("GET Bearer secret", seen.get("/done"), "same origin keeps its headers");

    policy.send(client, post("/keep-method"), HttpResponse.BodyHandlers.ofString());
    assertEquals("POST Bearer secret", seen.get("/done"));
  }

  @Test
  void moreThanFiveRedirects_areRefused() {
    UnprocessableException e = assertThrows(UnprocessableException.class,
        () -> policy.send(client, post("/loop"), HttpResponse.BodyHandlers.ofString()));
    assertTrue(e.getMessage().contains("more than 5 redirects"), e.getMessage());
  }

  @Test
  void theClient_neverFollowsRedirectsItself() throws Exception {
    HttpResponse<String> raw = client.send(post("/to-metadata"), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, raw.statusCode());
    assertEquals(HttpClient.Redirect.NEVER, client.followRedirects());
    assertEquals(Duration.ofSeconds(2), client.connectTimeout().orElseThrow());
  }
}
