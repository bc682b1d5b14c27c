package dev.assay.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.outbound.OutboundPolicy;
import dev.assay.testing.WebhookReceiver;
import dev.assay.testing.WebhookReceiver.Answer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WebhookSender} against a receiver on 127.0.0.1: authentication, retries, limits and the outbound policy. */
class WebhookSenderTest {
  private static final String TOKEN = "tok-" + UUID.randomUUID();
  private static final String HEADER_VALUE = "hdr-" + UUID.randomUUID();
  private static final byte[] BODY = "{\"event\":\"monitor.triggered\",\"data\":{\"value\":0.42}}"
      .getBytes(StandardCharsets.UTF_8);

  private final WebhookReceiver receiver = WebhookReceiver.start();
  private final WebhookSender allowed = new WebhookSender(OutboundPolicy.of(List.of("127.0.0.1")), Clock.systemUTC(),
      Duration.ofMillis(10));

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static Webhook webhook(String url, WebhookAuthType type, int timeoutMs) {
    return new Webhook("w1", "s1", "hook", url, type, type != WebhookAuthType.NONE, List.of("X-Team"), timeoutMs,
        Instant.EPOCH, Instant.EPOCH);
  }

  private static WebhookSecrets secrets() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Team", HEADER_VALUE);
    return new WebhookSecrets(TOKEN, headers);
  }

  @Test
  void hmac_signsTheTimestampAndBody_withTheTokenAsKey_andSendsEventAndDeliveryIds() throws Exception {
    var outcome = allowed.send(webhook(receiver.url("/hook"), WebhookAuthType.HMAC_SHA256, 5000), secrets(), "d-1",
        "monitor.triggered", BODY);

    assertEquals(WebhookDelivery.Status.SUCCEEDED, outcome.status());
    assertEquals(200, outcome.httpStatus());
    assertEquals(1, outcome.attempts());
    assertEquals("ok", outcome.responseBody());
    WebhookReceiver.Request request = receiver.requests().getFirst();
    assertEquals("POST", request.method());
    assertEquals(new String(BODY, StandardCharsets.UTF_8), request.body());
    assertTrue(request.signatureValid(TOKEN, Duration.ofMinutes(5)), request.header("X-Assay-Signature"));
    assertFalse(request.signatureValid("another-secret", Duration.ofMinutes(5)));
    assertEquals("monitor.triggered", request.header("X-Assay-Event"));
    assertEquals("d-1", request.header("X-Assay-Delivery"));
    assertEquals(HEADER_VALUE, request.header("X-Team"));
    assertEquals("application/json", request.header("Content-Type"));
    assertNull(request.header("Authorization"), "HMAC webhooks do not send the key itself");
  }

  @Test
  void signature_isTheDocumentedFormat() {
    // printf '1700000000.{}' | openssl dgst -sha256 -hmac key
    assertEquals("t=1700000000,v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae",
        WebhookSender.signature("key", 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bearer_sendsTheTokenAsAuthorization() throws Exception {
    var outcome = allowed.send(webhook(receiver.url("/b"), WebhookAuthType.BEARER, 5000), secrets(), "d-2",
        "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.SUCCEEDED, outcome.status());
    WebhookReceiver.Request request = receiver.requests().getFirst();
    assertEquals("Bearer " + TOKEN, request.header("Authorization"));
    assertNull(request.header("X-Assay-Signature"));
  }

  @Test
  void serverErrorsAnd429_areRetriedWithBackoff_untilSuccess() throws Exception {
    receiver.answer(Answer.status(503), Answer.status(429));

    var outcome = allowed.send(webhook(receiver.url("/r"), WebhookAuthType.NONE, 5000), WebhookSecrets.NONE, "d-3",
        "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.SUCCEEDED, outcome.status());
    assertEquals(3, outcome.attempts());
    assertEquals(3, receiver.requests().size());
    assertTrue(outcome.durationMs() >= 30, "10 ms then 20 ms of backoff, got " + outcome.durationMs());
  }

  @Test
  void threeServerErrors_fail_withTheLastStatus() throws Exception {
    receiver.answer(Answer.status(500), Answer.status(502), Answer.body(503, "down for maintenance"));

    var outcome = allowed.send(webhook(receiver.url("/r"), WebhookAuthType.NONE, 5000), WebhookSecrets.NONE, "d-4",
        "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.FAILED, outcome.status());
    assertEquals(503, outcome.httpStatus());
    assertEquals(3, outcome.attempts());
    assertEquals("down for maintenance", outcome.responseBody());
    assertEquals("the receiver answered HTTP 503 (3 attempts)", outcome.error());
  }

  @Test
  void aClientError_isNotRetried() throws Exception {
    receiver.answer(Answer.status(401));

    var outcome = allowed.send(webhook(receiver.url("/r"), WebhookAuthType.NONE, 5000), WebhookSecrets.NONE, "d-5",
        "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.FAILED, outcome.status());
    assertEquals(401, outcome.httpStatus());
    assertEquals(1, outcome.attempts());
    assertEquals(1, receiver.requests().size());
  }

  @Test
  void connectionFailures_areRetried_andReported() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var outcome = allowed.send(webhook("http://127.0.0.1:" + closedPort + "/", WebhookAuthType.NONE, 2000),
        WebhookSecrets.NONE, "d-6", "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.FAILED, outcome.status());
    assertNull(outcome.httpStatus());
    assertEquals(3, outcome.attempts());
    assertTrue(outcome.error().startsWith("the request failed: "), outcome.error());
  }

  @Test
  void aSlowReceiver_timesOut() throws Exception {
    receiver.answer(Answer.slow(Duration.ofSeconds(3)), Answer.slow(Duration.ofSeconds(3)), Answer.slow(Duration.ofSeconds(3)));

    var outcome = allowed.send(webhook(receiver.url("/slow"), WebhookAuthType.NONE, 1000), WebhookSecrets.NONE, "d-7",
        "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.FAILED, outcome.status());
    assertEquals("no answer within 1000 ms (3 attempts)", outcome.error());
    assertTrue(outcome.durationMs() < 6000, "three 1 s attempts, got " + outcome.durationMs() + " ms");
  }

  @Test
  void responseBody_isCappedAt1KiB_andOurSecretsAreMaskedInIt() throws Exception {
    receiver.answer(Answer.echoHeaders());
    var echoed = allowed.send(webhook(receiver.url("/echo"), WebhookAuthType.BEARER, 5000), secrets(), "d-8",
        "webhook.test", BODY);
    receiver.answer(Answer.body(200, "x".repeat(100_000)));
    var large = allowed.send(webhook(receiver.url("/large"), WebhookAuthType.NONE, 5000), WebhookSecrets.NONE, "d-9",
        "webhook.test", BODY);

    assertTrue(echoed.responseBody().contains("Bearer ********"), echoed.responseBody());
    assertFalse(echoed.responseBody().contains(TOKEN));
    assertFalse(echoed.responseBody().contains(HEADER_VALUE));
    assertEquals(WebhookDelivery.Status.SUCCEEDED, large.status());
    assertEquals(WebhookSender.MAX_RESPONSE_BYTES, large.responseBody().length());
  }

  @Test
  void refusedAddresses_getNoRequest() throws Exception {
    WebhookSender defaults = new WebhookSender(OutboundPolicy.of(List.of()), Clock.systemUTC(), Duration.ofMillis(10));
    for (String url : List.of(receiver.url("/"), "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/")) {
      var outcome = defaults.send(webhook(url, WebhookAuthType.BEARER, 1000), secrets(), "d", "webhook.test", BODY);

      assertEquals(WebhookDelivery.Status.FAILED, outcome.status(), url);
      assertEquals(0, outcome.attempts(), url);
      assertNull(outcome.httpStatus());
      assertTrue(outcome.error().contains("refused"), outcome.error());
      assertTrue(outcome.error().contains("ASSAY_ALLOWED_HOSTS"), outcome.error());
    }
    assertEquals(List.of(), receiver.requests(), "nothing reached the receiver");
  }

  @Test
  void aRedirectFromAnAllowedReceiver_toTheMetadataAddress_isRefused() throws Exception {
    receiver.answer(Answer.redirect(307, "http://169.254.169.254/latest/meta-data/"));

    var outcome = allowed.send(webhook(receiver.url("/moved"), WebhookAuthType.BEARER, 2000), secrets(), "d-10",
        "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.FAILED, outcome.status());
    assertEquals(1, outcome.attempts(), "refusals are not retried");
    assertTrue(outcome.error().contains("169.254.169.254") && outcome.error().contains("refused"), outcome.error());
    assertEquals(1, receiver.requests().size());
  }

  @Test
  void aRedirectWithinTheAllowedReceiver_isFollowed() throws Exception {
    receiver.answer(Answer.redirect(308, "/new-path"));

    var outcome = allowed.send(webhook(receiver.url("/old-path"), WebhookAuthType.HMAC_SHA256, 2000), secrets(), "d-11",
        "webhook.test", BODY);

    assertEquals(WebhookDelivery.Status.SUCCEEDED, outcome.status());
    WebhookReceiver.Request followed = receiver.requests().get(1);
    assertEquals("/new-path", followed.path());
    assertTrue(followed.signatureValid(TOKEN, Duration.ofMinutes(5)), "308 repeats the signed POST");
  }
}
