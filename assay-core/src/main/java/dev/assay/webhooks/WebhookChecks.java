package dev.assay.webhooks;

import dev.assay.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of what a caller gives for a webhook, before anything is stored (400 with the reason). */
final class WebhookChecks {
  static final int MIN_TIMEOUT_MS = 1_000;
  static final int MAX_TIMEOUT_MS = 60_000;
  static final int MAX_HEADERS = 20;
  private static final int MAX_NAME = 256;
  private static final int MAX_URL = 2048;
  private static final int MAX_SECRET = 4096;
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final Pattern EVENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  /** Set by the sender itself, or refused by the JDK client: a custom header may not replace them. */
  private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "connection", "expect",
      "upgrade", "transfer-encoding", "user-agent");

  private WebhookChecks() {}

  static String name(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidInputException("name is required");
    }
    String name = raw.strip();
    if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name must be at most " + MAX_NAME + " characters without control characters");
    }
    return name;
  }

  /** An absolute http(s) URL with a host and no credentials; where it points is the policy's question. */
  static URI url(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidInputException("url is required");
    }
    String text = raw.strip();
    if (text.length() > MAX_URL) {
      throw new InvalidInputException("url must be at most " + MAX_URL + " characters");
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new InvalidInputException("url must be an http or https URL with a host, got '" + text + "'");
      }
      if (uri.getRawUserInfo() != null) {
        throw new InvalidInputException("url must not contain credentials; use auth_token or headers");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidInputException("url is not a valid URL: '" + text + "'");
    }
  }

  static int timeout(Integer timeoutMs) {
    if (timeoutMs == null) {
      return WebhookService.DEFAULT_TIMEOUT_MS;
    }
    if (timeoutMs < MIN_TIMEOUT_MS || timeoutMs > MAX_TIMEOUT_MS) {
      throw new InvalidInputException("timeout_ms must be between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS
          + ", got " + timeoutMs);
    }
    return timeoutMs;
  }

  /** The token fits the auth type: required for BEARER and HMAC_SHA256, refused for NONE. */
  static void token(WebhookAuthType type, String token) {
    if (type == WebhookAuthType.NONE) {
      if (token != null) {
        throw new InvalidInputException("auth_token is only used with auth_type BEARER or HMAC_SHA256");
      }
      return;
    }
    if (token == null || token.isBlank()) {
      throw new InvalidInputException("auth_type " + type + " needs an auth_token");
    }
    if (token.length() > MAX_SECRET || token.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidInputException("auth_token must be at most " + MAX_SECRET + " characters on one line");
    }
    if (WebhookService.MASK.equals(token)) {
      throw new InvalidInputException("auth_token must be the real token, not " + WebhookService.MASK);
    }
  }

  static void headers(Map<String, String> headers, WebhookAuthType type) {
    if (headers.size() > MAX_HEADERS) {
      throw new InvalidInputException("at most " + MAX_HEADERS + " headers, got " + headers.size());
    }
    Set<String> seen = new HashSet<>();
    headers.forEach((name, value) -> {
      if (name == null || !HEADER_NAME.matcher(name).matches()) {
        throw new InvalidInputException("header name '" + name + "' is not a valid HTTP header name");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (!seen.add(lower)) {
        throw new InvalidInputException("header '" + name + "' is given twice (names ignore case)");
      }
      if (RESERVED.contains(lower) || lower.startsWith("x-assay-")
          || lower.equals("authorization") && type == WebhookAuthType.BEARER) {
        throw new InvalidInputException("header '" + name + "' is set by Assay itself"
            + (lower.equals("authorization") ? " for auth_type BEARER (from auth_token)" : "") + " and cannot be given");
      }
      if (value == null || value.length() > MAX_SECRET || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw new InvalidInputException("header '" + name + "' needs a single-line value of at most " + MAX_SECRET
            + " characters");
      }
    });
  }

  /** Event names are lower-case words joined by '.', '_' or '-', like {@code monitor.triggered}. */
  static String event(String event) {
    if (event == null || !EVENT.matcher(event).matches()) {
      throw new InvalidInputException("event '" + event + "' must be 1 to 100 of a-z, 0-9, '.', '_', '-'");
    }
    return event;
  }
}
