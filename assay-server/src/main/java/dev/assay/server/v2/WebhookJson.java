package dev.assay.server.v2;

import static dev.assay.server.v2.JsonFields.headers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.shared.InvalidInputException;
import dev.assay.webhooks.NewWebhook;
import dev.assay.webhooks.Webhook;
import dev.assay.webhooks.WebhookAuthType;
import dev.assay.webhooks.WebhookDelivery;
import dev.assay.webhooks.WebhookService;
import dev.assay.webhooks.WebhookUpdate;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook shapes of {@code /v2/webhooks} (an Assay extension shaped after the AX CLI's {@code webhooks} command)
 * and the parsing of its request bodies. Requests are strict: an unknown field or a field of the wrong type is a 400
 * naming it. The auth token is never returned ({@code has_auth_token} says whether one is set) and every header value
 * reads {@code "********"}.
 */
final class WebhookJson {
  static final String TYPE = "Webhook";
  private static final Set<String> CREATE_FIELDS = Set.of("space_id", "name", "url", "auth_type", "auth_token",
      "headers", "timeout_ms");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "url", "auth_type", "auth_token", "headers",
      "timeout_ms");

  private WebhookJson() {}

  record WebhookView(String id, String spaceId, String name, String url, String authType, boolean hasAuthToken,
      Map<String, String> headers, int timeoutMs, Instant createdAt, Instant updatedAt) {}

  record WebhookList(List<WebhookView> webhooks, Pagination pagination) {}

  /**
   * One delivery; {@code id} is the raw delivery id, the value the receiver got in {@code X-Assay-Delivery}.
   * {@code response_body} (an Assay addition) is at most the first 1 KiB of the receiver's answer, secrets masked.
   */
  record DeliveryView(String id, String webhookId, String event, String status, Integer httpStatus, String error,
      int attempts, long durationMs, String responseBody, Instant createdAt) {}

  record DeliveryList(List<DeliveryView> deliveries, Pagination pagination) {}

  static WebhookView of(Webhook w) {
    Map<String, String> headers = new LinkedHashMap<>();
    w.headerNames().forEach(h -> headers.put(h, WebhookService.MASK));
    return new WebhookView(ApiIds.encode(TYPE, w.id()), ApiIds.encode(SpaceController.TYPE, w.spaceId()), w.name(),
        w.url(), w.authType().name(), w.hasAuthToken(), headers, w.timeoutMs(), w.createdAt(), w.updatedAt());
  }

  static DeliveryView of(WebhookDelivery d) {
    return new DeliveryView(d.id(), ApiIds.encode(TYPE, d.webhookId()), d.event(), d.status().name(), d.httpStatus(),
        d.error(), d.attempts(), d.durationMs(), d.responseBody(), d.createdAt());
  }

  /** {@code POST /v2/webhooks}; the space is {@code space_id} (an id or a name), else the default space. */
  static NewWebhook create(JsonNode body) {
    rejectUnknown(body, CREATE_FIELDS);
    return new NewWebhook(ApiIds.decode(SpaceController.TYPE, string(body, "space_id")), string(body, "name"),
        string(body, "url"), authType(body), string(body, "auth_token"), headers(body.get("headers")),
        integer(body, "timeout_ms"));
  }

  /** {@code PATCH /v2/webhooks/{webhook_id}}: absent = keep; {@code auth_token}/{@code headers} null = remove. */
  static WebhookUpdate update(JsonNode body) {
    rejectUnknown(body, UPDATE_FIELDS);
    Optional<String> token = body.has("auth_token") ? Optional.ofNullable(string(body, "auth_token")) : null;
    Optional<Map<String, String>> headers = !body.has("headers") ? null
        : body.get("headers").isNull() ? Optional.empty() : Optional.of(headers(body.get("headers")));
    return new WebhookUpdate(string(body, "name"), string(body, "url"), authType(body), token, headers,
        integer(body, "timeout_ms"));
  }

  private static WebhookAuthType authType(JsonNode body) {
    String value = string(body, "auth_type");
    if (value == null) {
      return null;
    }
    try {
      return WebhookAuthType.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("auth_type '" + value + "' is invalid: use one of "
          + Arrays.toString(WebhookAuthType.values()));
    }
  }

  private static String string(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(field + " must be a string");
    }
    return v.asText();
  }

  private static Integer integer(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new InvalidInputException(field + " must be an integer");
    }
    return v.asInt();
  }

  private static void rejectUnknown(JsonNode body, Set<String> allowed) {
    body.fieldNames().forEachRemaining(field -> {
      if (!allowed.contains(field)) {
        throw new InvalidInputException("unknown field " + field + "; allowed: " + allowed.stream().sorted().toList());
      }
    });
  }
}
