package dev.assay.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.secrets.SecretBox;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Webhooks for every interface: notification channels (DESIGN §6) with a test delivery and a delivery log. A webhook
 * reference is an id or a name within a space (null space = the default space). The auth token and the header values
 * are sealed with {@link SecretBox} before they reach the store and are never part of what this service returns. Every
 * URL given is checked against the outbound policy (a refused one is a 422), and so is every delivery's.
 *
 * <p>A delivery POSTs {@code {"id": <delivery id>, "event": …, "created_at": …, "data": <payload>}} with the headers
 * {@code X-Assay-Event} and {@code X-Assay-Delivery} (the same id), the webhook's own headers and its authentication;
 * see {@link WebhookSender}. Every delivery, successful or not, is logged.
 */
public final class WebhookService {
  /** What the API shows instead of a header value; sent back on an update, it keeps the stored value. */
  public static final String MASK = "********";
  public static final int DEFAULT_TIMEOUT_MS = 30_000;
  /** The event of {@link #test} deliveries. */
  public static final String TEST_EVENT = "webhook.test";
  private static final int MAX_ERROR = 1024;
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final WebhookStore store;
  private final SpaceService spaces;
  private final SecretBox secrets;
  private final WebhookSender sender;
  private final Clock clock;

  public WebhookService(WebhookStore store, SpaceService spaces, SecretBox secrets, WebhookSender sender, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.spaces = Objects.requireNonNull(spaces, "spaces");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a webhook in {@code webhook.spaceRef()} (the default space when null).
   *
   * @throws InvalidInputException when a field is invalid (400)
   * @throws dev.assay.shared.UnprocessableException when the URL points where the server may not call (422)
   * @throws dev.assay.shared.ConflictException when the space has a webhook of that name
   * @throws NotFoundException when the space is not visible
   */
  public Webhook create(AccessScope scope, NewWebhook webhook) {
    Space space = spaces.getOrDefault(scope, webhook.spaceRef());
    String name = WebhookChecks.name(webhook.name());
    URI url = WebhookChecks.url(webhook.url());
    WebhookChecks.token(webhook.authType(), webhook.authToken());
    WebhookChecks.headers(webhook.headers(), webhook.authType());
    if (webhook.headers().containsValue(MASK)) {
      throw new InvalidInputException("header values must be real values, not " + MASK);
    }
    int timeout = WebhookChecks.timeout(webhook.timeoutMs());
    sender.check(url);
    WebhookSecrets plain = new WebhookSecrets(webhook.authToken(), webhook.headers());
    Webhook draft = new Webhook(null, space.id(), name, url.toString(), webhook.authType(), plain.authToken() != null,
        plain.headers().keySet().stream().toList(), timeout, null, null);
    return store.create(scope, draft, seal(plain));
  }

  /** Webhooks of the space {@code spaceRef} (every visible space when null), by name. */
  public Page<Webhook> list(AccessScope scope, String spaceRef, String nameContains, PageRequest page) {
    String spaceId = spaceRef == null ? null : spaces.get(scope, spaceRef).id();
    return store.list(scope, spaceId, nameContains == null || nameContains.isBlank() ? null : nameContains.strip(), page);
  }

  /**
   * The visible webhook with id {@code ref}, else the one named {@code ref} in {@code spaceRef} (default space when null).
   *
   * @throws NotFoundException when neither exists
   */
  public Webhook get(AccessScope scope, String ref, String spaceRef) {
    if (ref == null || ref.isBlank()) {
      throw new NotFoundException("webhook '' not found");
    }
    return store.findById(scope, ref)
        .or(() -> store.findByName(scope, spaces.getOrDefault(scope, spaceRef).id(), ref.strip()))
        .orElseThrow(() -> new NotFoundException("webhook '" + ref + "' not found"));
  }

  /**
   * Applies a partial change. Changing the auth type to NONE drops the token; changing it to BEARER or HMAC_SHA256
   * keeps a stored token unless a new one is given. A new URL is checked against the outbound policy.
   */
  public Webhook update(AccessScope scope, String ref, String spaceRef, WebhookUpdate update) {
    if (update == null || update.isEmpty()) {
      throw new InvalidInputException("nothing to update: give at least one field");
    }
    Webhook current = get(scope, ref, spaceRef);
    WebhookSecrets old = secrets(current);
    String name = update.name() == null ? current.name() : WebhookChecks.name(update.name());
    URI url = update.url() == null ? URI.create(current.url()) : WebhookChecks.url(update.url());
    WebhookAuthType type = update.authType() == null ? current.authType() : update.authType();
    String token = update.authToken() == null ? (type == WebhookAuthType.NONE ? null : old.authToken())
        : update.authToken().orElse(null);
    WebhookChecks.token(type, token);
    Map<String, String> headers = update.headers() == null ? old.headers()
        : unmask(update.headers().orElse(Map.of()), old.headers());
    WebhookChecks.headers(headers, type);
    int timeout = update.timeoutMs() == null ? current.timeoutMs() : WebhookChecks.timeout(update.timeoutMs());
    if (update.url() != null) {
      sender.check(url);
    }
    WebhookSecrets plain = new WebhookSecrets(token, headers);
    Webhook next = new Webhook(current.id(), current.spaceId(), name, url.toString(), type, token != null,
        headers.keySet().stream().toList(), timeout, current.createdAt(), current.updatedAt());
    return store.update(scope, next, seal(plain));
  }

  /** Deletes the webhook and its delivery log. */
  public void delete(AccessScope scope, String ref, String spaceRef) {
    Webhook webhook = get(scope, ref, spaceRef);
    if (!store.delete(scope, webhook.id())) {
      throw new NotFoundException("webhook '" + ref + "' not found");
    }
  }

  /** Sends a {@link #TEST_EVENT} delivery now and returns how it went (it is logged like any other). */
  public WebhookDelivery test(AccessScope scope, String ref, String spaceRef) {
    Webhook webhook = get(scope, ref, spaceRef);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("message", "A test delivery from Assay: this webhook works.");
    payload.put("webhook_name", webhook.name());
    return send(webhook, TEST_EVENT, payload);
  }

  /** The delivery log of the webhook {@code ref}, newest first. */
  public Page<WebhookDelivery> deliveries(AccessScope scope, String ref, String spaceRef, PageRequest page) {
    return store.listDeliveries(scope, get(scope, ref, spaceRef).id(), page);
  }

  /**
   * Delivers {@code event} with {@code payload} (anything Jackson writes as JSON) to the webhook {@code webhookId},
   * blocking through the retries, and logs it. For the server's own senders (monitors' alerts): no caller scope.
   *
   * @throws NotFoundException when the webhook does not exist
   * @throws InvalidInputException when the event name is not a lower-case dotted word
   */
  public WebhookDelivery deliver(String webhookId, String event, Object payload) {
    WebhookChecks.event(event);
    Webhook webhook = store.findById(AccessScope.unrestricted(), webhookId)
        .orElseThrow(() -> new NotFoundException("webhook '" + webhookId + "' not found"));
    return send(webhook, event, payload);
  }

  private WebhookDelivery send(Webhook webhook, String event, Object payload) {
    String id = Ids.newId(clock);
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS); // what the store keeps
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("id", id);
    envelope.put("event", event);
    envelope.put("created_at", createdAt.toString());
    envelope.put("data", payload);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("the payload of event " + event + " cannot be written as JSON: " + e.getOriginalMessage());
    }
    WebhookSender.Outcome outcome;
    try {
      outcome = sender.send(webhook, secrets(webhook), id, event, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new WebhookSender.Outcome(WebhookDelivery.Status.FAILED, null, "the delivery was interrupted", 0, 0, null);
    }
    WebhookDelivery delivery = new WebhookDelivery(id, webhook.id(), webhook.spaceId(), event, outcome.status(),
        outcome.httpStatus(), cap(outcome.error()), outcome.attempts(), outcome.durationMs(), outcome.responseBody(),
        createdAt);
    store.recordDelivery(delivery);
    return delivery;
  }

  /** The webhook's decrypted token and headers, for sending. Never return these to a caller. */
  WebhookSecrets secrets(Webhook webhook) {
    return store.sealedSecrets(AccessScope.unrestricted(), webhook.id()).map(this::open).orElse(WebhookSecrets.NONE);
  }

  private static Map<String, String> unmask(Map<String, String> given, Map<String, String> stored) {
    Map<String, String> out = new LinkedHashMap<>();
    given.forEach((name, value) -> {
      if (MASK.equals(value)) {
        if (!stored.containsKey(name)) {
          throw new InvalidInputException("header '" + name + "' has the masked value " + MASK
              + " but the webhook has no such header: give its real value");
        }
        out.put(name, stored.get(name));
      } else {
        out.put(name, value);
      }
    });
    return out;
  }

  private byte[] seal(WebhookSecrets plain) {
    if (plain.isEmpty()) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("auth_token", plain.authToken());
    json.put("headers", plain.headers());
    try {
      return secrets.seal(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise webhook secrets", e);
    }
  }

  private WebhookSecrets open(byte[] sealed) {
    try {
      Map<?, ?> json = JSON.readValue(secrets.open(sealed), Map.class);
      Map<String, String> headers = new LinkedHashMap<>();
      if (json.get("headers") instanceof Map<?, ?> h) {
        h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
      }
      return new WebhookSecrets(json.get("auth_token") instanceof String s ? s : null, headers);
    } catch (IOException e) {
      throw new SecretBox.SecretException("stored webhook credentials are damaged");
    }
  }

  private static String cap(String text) {
    return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
  }
}
