package dev.assay.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {
  private static ProviderException.Kind kind(int status, String body) {
    return ProviderErrors.fromResponse(status, Map.of(), body).kind();
  }

  @Test
  void statusAndBody_decideTheKind() {
    assertEquals(ProviderException.Kind.RATE_LIMITED, kind(429, "{\"error\":{\"message\":\"slow down\"}}"));
    assertEquals(ProviderException.Kind.BILLING, kind(429, "{\"error\":{\"code\":\"insufficient_quota\"}}"));
    assertEquals(ProviderException.Kind.BILLING, kind(402, ""));
    assertEquals(ProviderException.Kind.BILLING, kind(400, "{\"error\":{\"message\":\"Your credit balance is too low\"}}"));
    assertEquals(ProviderException.Kind.AUTH, kind(401, "{\"error\":{\"message\":\"bad key\"}}"));
    assertEquals(ProviderException.Kind.AUTH, kind(403, ""));
    assertEquals(ProviderException.Kind.CONFIG, kind(404, "{\"error\":{\"code\":\"model_not_found\"}}"));
    assertEquals(ProviderException.Kind.CONFIG, kind(400, "{\"error\":{\"message\":\"The model `x` does not exist\"}}"));
    assertEquals(ProviderException.Kind.SERVER_ERROR, kind(500, ""));
    assertEquals(ProviderException.Kind.SERVER_ERROR, kind(503, "overloaded"));
    assertEquals(ProviderException.Kind.SERVER_ERROR, kind(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"));
    assertEquals(ProviderException.Kind.TIMEOUT, kind(408, ""));
    assertEquals(ProviderException.Kind.BAD_REQUEST, kind(400, "{\"error\":{\"message\":\"max_tokens too large\"}}"));
    assertEquals(ProviderException.Kind.BAD_REQUEST, kind(422, "nope"));
  }

  @Test
  void message_carriesTheProvidersReason_withoutKeys() {
    ProviderException e = ProviderErrors.fromResponse(401, Map.of(),
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-abc123456789. You can find your key at …\"}}");
    assertTrue(e.getMessage().startsWith("provider answered 401"), e.getMessage());
    assertTrue(e.getMessage().contains("Incorrect API key provided"));
    assertFalse(e.getMessage().contains("abc123456789"), e.getMessage());
    assertEquals(401, e.status());
    assertTrue(e.rawBody().contains("Incorrect"));
  }

  @Test
  void retryAfter_secondsMillisAndDates() {
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    assertEquals(Duration.ofSeconds(7), ProviderErrors.retryAfter(Map.of("Retry-After", List.of("7")), now));
    assertEquals(Duration.ofMillis(1500), ProviderErrors.retryAfter(Map.of("retry-after", List.of("1.5")), now));
    assertEquals(Duration.ofMillis(250), ProviderErrors.retryAfter(
        Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("1")), now), "retry-after-ms wins");
    assertEquals(Duration.ofSeconds(30), ProviderErrors.retryAfter(
        Map.of("Retry-After", List.of("Fri, 27 Nov 2026 12:00:30 GMT")), now));
    assertEquals(Duration.ZERO, ProviderErrors.retryAfter(
        Map.of("Retry-After", List.of("Fri, 27 Nov 2026 11:00:00 GMT")), now));
    assertNull(ProviderErrors.retryAfter(Map.of("Retry-After", List.of("soon")), now));
    assertNull(ProviderErrors.retryAfter(Map.of(), now));
    assertEquals(Duration.ofSeconds(2), ProviderErrors.fromResponse(429, Map.of("Retry-After", List.of("2")), "")
        .retryAfter());
  }

  @Test
  void unwrap_findsTheExceptionInsideWrappers() {
    ProviderException inner = new ProviderException(ProviderException.Kind.RATE_LIMITED, "x");
    assertEquals(inner, ProviderErrors.unwrap(new RuntimeException(new IllegalStateException(inner))));
    assertEquals(ProviderException.Kind.TIMEOUT,
        ProviderErrors.unwrap(new RuntimeException(new java.net.http.HttpTimeoutException("t"))).kind());
    assertEquals(ProviderException.Kind.BAD_REQUEST, ProviderErrors.unwrap(new IllegalArgumentException("odd")).kind());
  }
}
