package dev.assay.webhooks;

import dev.assay.outbound.OutboundPolicy;
import dev.assay.shared.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one event to one webhook: a JSON POST through the {@link OutboundPolicy} (the URL and every redirect hop
 * checked), authenticated as the webhook's {@link WebhookAuthType} says, retried with exponential backoff on 5xx,
 * 429 and connection failures up to {@link #MAX_ATTEMPTS} attempts. A refused address is never retried and no
 * request goes to it. What comes back ({@link Outcome}) never holds a secret: the token and header values are masked
 * out of the error and of the (at most {@link #MAX_RESPONSE_BYTES}) response body.
 */
public final class WebhookSender {
  public static final int MAX_ATTEMPTS = 3;
  /** How much of a receiver's answer is kept. */
  public static final int MAX_RESPONSE_BYTES = 1024;
  static final String SIGNATURE_HEADER = "X-Assay-Signature";
  static final String EVENT_HEADER = "X-Assay-Event";
  static final String DELIVERY_HEADER = "X-Assay-Delivery";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final OutboundPolicy policy;
  private final Clock clock;
  private final Duration firstBackoff;
  private final HttpClient client;

  /**
   * @param clock stamps the HMAC signature's {@code t}
   * @param firstBackoff the wait before the second attempt; it doubles before each later one
   */
  public WebhookSender(OutboundPolicy policy, Clock clock, Duration firstBackoff) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
    this.client = policy.newClient(CONNECT_TIMEOUT).build();
  }

  /** The server's sender: one second before the second attempt, two before the third. */
  public static WebhookSender of(OutboundPolicy policy, Clock clock) {
    return new WebhookSender(policy, clock, Duration.ofSeconds(1));
  }

  /**
   * Refuses a URL the server may not call (see {@link OutboundPolicy#check}).
   *
   * @throws dev.assay.shared.UnprocessableException naming the refused address and how to allow it
   */
  public void check(URI url) {
    policy.check(url);
  }

  /** How a delivery ended; {@code error} and {@code responseBody} are already free of the webhook's secrets. */
  public record Outcome(WebhookDelivery.Status status, Integer httpStatus, String error, int attempts, long durationMs,
      String responseBody) {}

  /**
   * Delivers {@code body} (JSON) for {@code event}, blocking through the retries: at most {@link #MAX_ATTEMPTS}
   * attempts of at most the webhook's timeout each, plus the waits between them.
   */
  public Outcome send(Webhook webhook, WebhookSecrets secrets, String deliveryId, String event, byte[] body)
      throws InterruptedException {
    long start = System.nanoTime();
    Redactor redact = new Redactor(secrets);
    Integer status = null;
    String responseBody = null;
    String error = null;
    int attempts = 0;
    while (attempts < MAX_ATTEMPTS) {
      if (attempts > 0) {
        Thread.sleep(firstBackoff.multipliedBy(1L << (attempts - 1)));
      }
      HttpRequest request;
      try {
        request = request(webhook, secrets, deliveryId, event, body);
        policy.check(request.uri()); // before counting an attempt: a refused address gets no request at all
      } catch (InvalidInputException refused) {
        return new Outcome(WebhookDelivery.Status.FAILED, null, redact.text(refused.getMessage()), attempts,
            millisSince(start), null);
      }
      attempts++;
      try {
        HttpResponse<String> response = policy.send(client, request,
            CappedBody.handler(MAX_RESPONSE_BYTES, Duration.ofMillis(webhook.timeoutMs())));
        status = response.statusCode();
        responseBody = redact.text(response.body());
        if (status >= 200 && status < 300) {
          return new Outcome(WebhookDelivery.Status.SUCCEEDED, status, null, attempts, millisSince(start), responseBody);
        }
        error = "the receiver answered HTTP " + status;
        if (status < 500 && status != 429) {
          break; // the receiver refused this delivery; sending it again would not change its mind
        }
      } catch (InvalidInputException refused) { // a redirect hop was refused, or there were too many
        return new Outcome(WebhookDelivery.Status.FAILED, null, redact.text(refused.getMessage()), attempts,
            millisSince(start), null);
      } catch (HttpTimeoutException e) {
        status = null;
        responseBody = null;
        error = "no answer within " + webhook.timeoutMs() + " ms";
      } catch (IOException e) {
        status = null;
        responseBody = null;
        error = redact.text("the request failed: " + describe(e));
      }
    }
    String summary = attempts > 1 ? error + " (" + attempts + " attempts)" : error;
    return new Outcome(WebhookDelivery.Status.FAILED, status, summary, attempts, millisSince(start), responseBody);
  }

  private HttpRequest request(Webhook webhook, WebhookSecrets secrets, String deliveryId, String event, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
        .timeout(Duration.ofMillis(webhook.timeoutMs()))
        .header("Content-Type", "application/json")
        .header("User-Agent", "Assay-Webhooks/1")
        .header(EVENT_HEADER, event)
        .header(DELIVERY_HEADER, deliveryId)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    secrets.headers().forEach(request::header);
    switch (webhook.authType()) {
      case NONE -> { }
      case BEARER -> request.header("Authorization", "Bearer " + secrets.authToken());
      // Signed per attempt: a retry carries a fresh timestamp, so receivers that reject old ones still accept it.
      case HMAC_SHA256 -> request.header(SIGNATURE_HEADER, signature(secrets.authToken(), clock.instant().getEpochSecond(), body));
    }
    return request.build();
  }

  /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256(key, t + "." + body)>}. */
  public static String signature(String key, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Masks the webhook's secrets out of texts that came back from the receiver or the network. */
  private record Redactor(WebhookSecrets secrets) {
    String text(String text) {
      if (text == null) {
        return null;
      }
      String out = text;
      if (secrets.authToken() != null) {
        out = mask(out, secrets.authToken());
      }
      for (String value : secrets.headers().values()) {
        out = mask(out, value);
      }
      return out;
    }

    // Values of a few characters (a header "X-Debug: 1") are not secrets, and masking them would garble the text.
    private static String mask(String text, String secret) {
      return secret.length() < 4 ? text : text.replace(secret, WebhookService.MASK);
    }
  }

  @Override
  public String toString() {
    return "WebhookSender[" + policy + "]";
  }
}
