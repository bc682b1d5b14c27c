package dev.assay.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Classifies provider failures into {@link ProviderException} kinds; messages carry the provider's reason, never a key. */
public final class ProviderErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  private ProviderErrors() {}

  /** The exception for a non-2xx answer. */
  public static ProviderException fromResponse(int status, Map<String, List<String>> headers, String body) {
    String reason = providerMessage(body);
    String lower = (body == null ? "" : body).toLowerCase(Locale.ROOT);
    ProviderException.Kind kind;
    if (status == 429 && !(lower.contains("insufficient_quota") || lower.contains("billing"))) {
      kind = ProviderException.Kind.RATE_LIMITED;
    } else if (status == 402 || lower.contains("insufficient_quota") || lower.contains("billing")
        || lower.contains("credit balance")) {
      kind = ProviderException.Kind.BILLING;
    } else if (status == 401 || status == 403) {
      kind = ProviderException.Kind.AUTH;
    } else if (status == 404) {
      kind = ProviderException.Kind.CONFIG;
    } else if (status == 408) {
      kind = ProviderException.Kind.TIMEOUT;
    } else if (status >= 500) {
      kind = ProviderException.Kind.SERVER_ERROR;
    } else if (status == 400 && (lower.contains("model_not_found") || lower.contains("does not exist")
        || lower.contains("unknown model"))) {
      kind = ProviderException.Kind.CONFIG;
    } else {
      kind = ProviderException.Kind.BAD_REQUEST;
    }
    String what = switch (kind) {
      case RATE_LIMITED -> "rate limited";
      case BILLING -> "billing or quota problem";
      case AUTH -> "authentication failed (check the API key)";
      case CONFIG -> status == 404 ? "not found (check the model name and the base URL)" : "model not found";
      case SERVER_ERROR -> "server error";
      case TIMEOUT -> "request timeout";
      default -> "request refused";
    };
    String message = "provider answered " + status + ", " + what + (reason.isEmpty() ? "" : ": " + reason);
    return new ProviderException(kind, status, message, retryAfter(headers, Instant.now()), body, null);
  }

  /**
   * The wait a provider asked for: {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an
   * HTTP date; null when absent or unreadable.
   */
  public static Duration retryAfter(Map<String, List<String>> headers, Instant now) {
    if (headers == null) {
      return null;
    }
    String ms = header(headers, "retry-after-ms");
    if (ms != null) {
      try {
        return Duration.ofNanos((long) (Double.parseDouble(ms) * 1_000_000));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    String value = header(headers, "retry-after");
    if (value == null) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(value);
      return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException notDate) {
        return null;
      }
    }
  }

  /** Finds the {@link ProviderException} inside LangChain4j's wrappers, or classifies what it threw. */
  public static ProviderException unwrap(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProviderException p) {
        return p;
      }
    }
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof dev.langchain4j.exception.HttpException h) {
        return fromResponse(h.statusCode(), Map.of(), h.getMessage());
      }
      if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
        return new ProviderException(ProviderException.Kind.TIMEOUT, 0, "the provider did not answer in time", null, null, t);
      }
    }
    String msg = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
    return new ProviderException(ProviderException.Kind.BAD_REQUEST, 0, "the model call failed: " + trim(msg), null, null,
        thrown);
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0).strip();
      }
    }
    return null;
  }

  /** The provider's own error message ({@code error.message}, {@code message}, or the body text), trimmed. */
  static String providerMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode error = node.path("error");
      if (error.isTextual()) {
        return trim(error.asText());
      }
      if (error.path("message").isTextual()) {
        return trim(error.path("message").asText());
      }
      if (node.path("message").isTextual()) {
        return trim(node.path("message").asText());
      }
    } catch (Exception notJson) {
      // plain text
    }
    return trim(body.strip());
  }

  private static String trim(String s) {
    // Providers sometimes echo part of a rejected key ("Incorrect API key provided: sk-ab***yz"): mask it.
    String one = s.replaceAll("\\s+", " ").replaceAll("(sk|key)-[A-Za-z0-9_*\\-]{4,}", "$1-********");
    return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "…";
  }
}
