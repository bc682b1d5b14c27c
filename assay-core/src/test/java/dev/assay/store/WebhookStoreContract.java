package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SecretBox;
import dev.assay.secrets.SecretRotation;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.PageRequest;
import dev.assay.shared.UnprocessableException;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import dev.assay.testing.WebhookReceiver;
import dev.assay.testing.WebhookReceiver.Answer;
import dev.assay.webhooks.NewWebhook;
import dev.assay.webhooks.Webhook;
import dev.assay.webhooks.WebhookAuthType;
import dev.assay.webhooks.WebhookDelivery;
import dev.assay.webhooks.WebhookSender;
import dev.assay.webhooks.WebhookService;
import dev.assay.webhooks.WebhookUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks through {@link WebhookService} on the real store: sealed secrets, names per space, scopes, the delivery log. */
public abstract class WebhookStoreContract extends StoreContract {
  private static final String TOKEN = "whsec-" + UUID.randomUUID();
  private static final String HEADER_VALUE = "team-" + UUID.randomUUID();
  private final AccessScope all = AccessScope.unrestricted();
  private final SecretBox box = SecretBox.of(new byte[32], null);
  private final WebhookReceiver receiver = WebhookReceiver.start();

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  /** The service with the receiver's address allowed (the clock stays real: signatures carry a real time). */
  private WebhookService service() {
    return service(List.of("127.0.0.1"));
  }

  private WebhookService service(List<String> allowedHosts) {
    return service(allowedHosts, box);
  }

  private WebhookService service(List<String> allowedHosts, SecretBox secrets) {
    WebhookSender sender = new WebhookSender(OutboundPolicy.of(allowedHosts), Clock.systemUTC(), Duration.ofMillis(5));
    return new WebhookService(store().webhooks(), new SpaceService(store().spaces()), secrets, sender, clock);
  }

  private NewWebhook hmac(String space, String name) {
    return new NewWebhook(space, name, receiver.url("/hooks/" + name), WebhookAuthType.HMAC_SHA256, TOKEN,
        Map.of("X-Team", HEADER_VALUE), 5000);
  }

  private List<Webhook> listed() {
    return service().list(all, null, null, PageRequest.firstDefault()).items();
  }

  @Test
  void create_sealsTheTokenAndHeaders_andReturnsOnlyThatTheyAreSet() {
    Webhook created = service().create(all, hmac(null, "alerts"));

    assertEquals(Space.DEFAULT_ID, created.spaceId());
    assertEquals("alerts", created.name());
    assertEquals(receiver.url("/hooks/alerts"), created.url());
    assertEquals(WebhookAuthType.HMAC_SHA256, created.authType());
    assertTrue(created.hasAuthToken());
    assertEquals(List.of("X-Team"), created.headerNames());
    assertEquals(5000, created.timeoutMs());
    assertEquals(clock.instant(), created.createdAt());
    assertFalse(created.toString().contains(TOKEN) || created.toString().contains(HEADER_VALUE));
    String stored = new String(store().webhooks().sealedSecrets(all, created.id()).orElseThrow(), StandardCharsets.ISO_8859_1);
    assertFalse(stored.contains("whsec-") || stored.contains(HEADER_VALUE), "stored encrypted");
    assertEquals(created, service().get(all, "alerts", null));
    assertEquals(created, service().get(all, created.id(), "default"));
  }

  @Test
  void create_withoutAuth_hasNoSecrets_andTheDefaultTimeout() {
    Webhook plain = service().create(all, new NewWebhook(null, "plain", receiver.url("/p"), null, null, null, null));

    assertEquals(WebhookAuthType.NONE, plain.authType());
    assertFalse(plain.hasAuthToken());
    assertEquals(WebhookService.DEFAULT_TIMEOUT_MS, plain.timeoutMs());
    assertTrue(store().webhooks().sealedSecrets(all, plain.id()).isEmpty());
  }

  @Test
  void badInput_isRefused_andStoresNothing() {
    String url = receiver.url("/x");
    List<Executable> bad = List.of(
        () -> service().create(all, new NewWebhook(null, " ", url, null, null, null, null)),
        () -> service().create(all, new NewWebhook(null, "a", "ftp://example.com/x", null, null, null, null)),
        () -> service().create(all, new NewWebhook(null, "a", "not a url", null, null, null, null)),
        () -> service().create(all, new NewWebhook(null, "a", "https://user:pw@example.com/", null, null, null, null)),
        () -> service().create(all, new NewWebhook(null, "a", url, null, null, null, 999)),
        () -> service().create(all, new NewWebhook(null, "a", url, null, null, null, 60_001)),
        () -> service().create(all, new NewWebhook(null, "a", url, WebhookAuthType.BEARER, null, null, null)),
        () -> service().create(all, new NewWebhook(null, "a", url, WebhookAuthType.NONE, TOKEN, null, null)),
        () -> service().create(all, new NewWebhook(null, "a", url, WebhookAuthType.BEARER, TOKEN,
            Map.of("Authorization", "Basic x"), null)),
        () -> service().create(all, new NewWebhook(null, "a", url, null, null, Map.of("X-Assay-Event", "x"), null)),
        () -> service().create(all, new NewWebhook(null, "a", url, null, null, Map.of("Host", "x"), null)),
        () -> service().create(all, new NewWebhook(null, "a", url, null, null, Map.of("Bad Name", "x"), null)),
        () -> service().create(all, new NewWebhook(null, "a", url, null, null, Map.of("X-Ok", "two\nlines"), null)),
        () -> service().create(all, new NewWebhook(null, "a", url, null, null, Map.of("X-Ok", WebhookService.MASK), null)));
    for (Executable call : bad) {
      InvalidInputException e = assertThrows(InvalidInputException.class, call::execute);
      assertFalse(e instanceof UnprocessableException, e.getMessage());
    }
    assertEquals(List.of(), listed());
  }

  @Test
  void privateLoopbackAndMetadataUrls_areRefusedByDefault_with422_andAllowedWhenListed() {
    WebhookService strict = service(List.of());
    for (String url : List.of(receiver.url("/"), "http://169.254.169.254/", "http://10.0.0.1/")) {
      UnprocessableException e = assertThrows(UnprocessableException.class,
          () -> strict.create(all, new NewWebhook(null, "internal", url, null, null, null, null)));
      assertTrue(e.getMessage().contains("ASSAY_ALLOWED_HOSTS"), e.getMessage());
    }
    assertEquals(List.of(), listed());

    Webhook local = service().create(all, new NewWebhook(null, "internal", receiver.url("/"), null, null, null, null));
    assertThrows(UnprocessableException.class, () -> strict.update(all, local.id(), null,
        new WebhookUpdate(null, "http://10.0.0.1/", null, null, null, null)));
    assertEquals(local, service().get(all, local.id(), null), "a refused update changes nothing");
  }

  @Test
  void names_areUniquePerSpace_andListPagesByName() {
    store().spaces().create(all, "team-b", null);
    for (String name : List.of("c", "a", "b")) {
      service().create(all, hmac(null, name));
    }
    assertThrows(ConflictException.class, () -> service().create(all, hmac(null, "a")));
    Webhook other = service().create(all, hmac("team-b", "a"));

    assertEquals(other.id(), service().get(all, "a", "team-b").id());
    var first = service().list(all, "default", null, PageRequest.first(2));
    assertEquals(List.of("a", "b"), first.items().stream().map(Webhook::name).toList());
    var second = service().list(all, "default", null, new PageRequest(first.nextCursor(), 2));
    assertEquals(List.of("c"), second.items().stream().map(Webhook::name).toList());
    assertNull(second.nextCursor());
    assertEquals(2, service().list(all, null, "A", PageRequest.firstDefault()).items().size());
  }

  @Test
  void update_keepsMaskedHeaders_replacesOthers_andDropsTheTokenForNone() {
    Webhook created = service().create(all, hmac(null, "hook"));
    clock.advance(Duration.ofSeconds(5));

    Webhook renamed = service().update(all, "hook", null, new WebhookUpdate("hook-2", null, null, null,
        Optional.of(Map.of("X-Team", WebhookService.MASK, "X-Env", "prod")), 2000));
    assertEquals("hook-2", renamed.name());
    assertEquals(Set.of("X-Team", "X-Env"), Set.copyOf(renamed.headerNames()));
    assertEquals(2000, renamed.timeoutMs());
    assertTrue(renamed.hasAuthToken(), "an update without auth_token keeps it");
    assertTrue(renamed.updatedAt().isAfter(created.updatedAt()));
    service().test(all, renamed.id(), null);
    WebhookReceiver.Request sent = receiver.requests().getLast();
    assertEquals(HEADER_VALUE, sent.header("X-Team"), "the masked value kept the stored one");
    assertEquals("prod", sent.header("X-Env"));
    assertTrue(sent.signatureValid(TOKEN, Duration.ofMinutes(5)));

    assertThrows(InvalidInputException.class, () -> service().update(all, created.id(), null, new WebhookUpdate(null,
        null, null, null, Optional.of(Map.of("X-New", WebhookService.MASK)), null)));
    assertThrows(InvalidInputException.class, () -> service().update(all, created.id(), null, new WebhookUpdate(null,
        null, null, Optional.empty(), null, null)), "HMAC_SHA256 without a token");
    assertThrows(InvalidInputException.class, () -> service().update(all, created.id(), null,
        new WebhookUpdate(null, null, null, null, null, null)));

    Webhook none = service().update(all, created.id(), null, new WebhookUpdate(null, null, WebhookAuthType.NONE, null,
        Optional.empty(), null));
    assertFalse(none.hasAuthToken());
    assertEquals(List.of(), none.headerNames());
    assertTrue(store().webhooks().sealedSecrets(all, none.id()).isEmpty());
    assertThrows(InvalidInputException.class, () -> service().update(all, created.id(), null,
        new WebhookUpdate(null, null, WebhookAuthType.BEARER, null, null, null)), "BEARER needs a token again");
    Webhook bearer = service().update(all, created.id(), null, new WebhookUpdate(null, null, WebhookAuthType.BEARER,
        Optional.of("new-token-1"), null, null));
    assertTrue(bearer.hasAuthToken());
    service().test(all, bearer.id(), null);
    assertEquals("Bearer new-token-1", receiver.requests().getLast().header("Authorization"));
  }

  @Test
  void test_deliversAndLogs_newestFirst_withPages() {
    Webhook hook = service().create(all, hmac(null, "log"));
    receiver.answer(Answer.status(500), Answer.status(500), Answer.status(500));

    WebhookDelivery failed = service().test(all, "log", null);
    clock.advance(Duration.ofSeconds(1));
    WebhookDelivery ok = service().test(all, "log", null);

    assertEquals(WebhookDelivery.Status.FAILED, failed.status());
    assertEquals(500, failed.httpStatus());
    assertEquals(3, failed.attempts());
    assertEquals(WebhookDelivery.Status.SUCCEEDED, ok.status());
    assertEquals(WebhookService.TEST_EVENT, ok.event());
    var first = service().deliveries(all, hook.id(), null, PageRequest.first(1));
    assertEquals(List.of(ok), first.items());
    var second = service().deliveries(all, hook.id(), null, new PageRequest(first.nextCursor(), 1));
    assertEquals(List.of(failed), second.items());
    assertNull(second.nextCursor());
    WebhookReceiver.Request last = receiver.requests().getLast();
    assertEquals(ok.id(), last.header("X-Assay-Delivery"));
    assertTrue(last.body().contains("\"id\":\"" + ok.id() + "\""), last.body());
  }

  @Test
  void deliver_sendsTheEventPayload_andRefusesAHostThatBecameRefused_withoutARequest() throws Exception {
    Webhook hook = service().create(all, hmac(null, "monitor"));

    WebhookDelivery sent = service().deliver(hook.id(), "monitor.triggered", Map.of("monitor", "latency", "value", 1.5));
    assertEquals(WebhookDelivery.Status.SUCCEEDED, sent.status());
    JsonNode body = new ObjectMapper().readTree(receiver.requests().getLast().body());
    assertEquals("monitor.triggered", body.get("event").asText());
    assertEquals(1.5, body.at("/data/value").asDouble());
    assertEquals("monitor.triggered", receiver.requests().getLast().header("X-Assay-Event"));

    // The allow list no longer has 127.0.0.1 (a restart with other settings): the stored URL is refused at send time.
    WebhookDelivery refused = service(List.of()).deliver(hook.id(), "monitor.triggered", Map.of());
    assertEquals(WebhookDelivery.Status.FAILED, refused.status());
    assertEquals(0, refused.attempts());
    assertTrue(refused.error().contains("refused") && refused.error().contains("127.0.0.1"), refused.error());
    assertEquals(1, receiver.requests().size(), "no request was sent");
    assertEquals(2, service().deliveries(all, hook.id(), null, PageRequest.firstDefault()).items().size());

    assertThrows(InvalidInputException.class, () -> service().deliver(hook.id(), "Bad Event", Map.of()));
    assertThrows(NotFoundException.class, () -> service().deliver("no-such-webhook", "monitor.triggered", Map.of()));
  }

  @Test
  void delete_removesTheWebhookAndItsLog_andDeletingASpaceRemovesItsWebhooks() {
    Webhook gone = service().create(all, hmac(null, "gone"));
    service().test(all, gone.id(), null);
    service().delete(all, "gone", null);

    assertThrows(NotFoundException.class, () -> service().get(all, gone.id(), null));
    assertEquals(List.of(), store().webhooks().listDeliveries(all, gone.id(), PageRequest.firstDefault()).items());
    assertThrows(NotFoundException.class, () -> service().delete(all, "gone", null));
    assertFalse(store().webhooks().recordDelivery(new WebhookDelivery("d", gone.id(), Space.DEFAULT_ID, "e",
        WebhookDelivery.Status.SUCCEEDED, 200, null, 1, 1, null, clock.instant())), "no log rows for a deleted webhook");

    Space team = store().spaces().create(all, "team-gone", null);
    Webhook inSpace = service().create(all, hmac("team-gone", "x"));
    service().test(all, inSpace.id(), null);
    store().spaces().delete(all, team.id());
    assertTrue(store().webhooks().findById(all, inSpace.id()).isEmpty());
    assertEquals(List.of(), store().webhooks().listDeliveries(all, inSpace.id(), PageRequest.firstDefault()).items());
  }

  @Test
  void keyRotation_resealsWebhookCredentials_soTheNewKeyAloneOpensThem() {
    byte[] newKey = new byte[32];
    java.util.Arrays.fill(newKey, (byte) 7);
    Webhook hook = service().create(all, hmac(null, "rotated"));
    byte[] before = store().webhooks().sealedSecrets(all, hook.id()).orElseThrow();

    int changed = SecretRotation.run(SecretBox.of(newKey, new byte[32]), StoredSecrets.resealers(store()));

    assertTrue(changed >= 1, "the webhook's credentials were sealed again");
    assertFalse(java.util.Arrays.equals(before, store().webhooks().sealedSecrets(all, hook.id()).orElseThrow()));
    WebhookDelivery delivery = service(List.of("127.0.0.1"), SecretBox.of(newKey, null)).test(all, hook.id(), null);
    assertEquals(WebhookDelivery.Status.SUCCEEDED, delivery.status());
    WebhookReceiver.Request sent = receiver.requests().getLast();
    assertTrue(sent.signatureValid(TOKEN, Duration.ofMinutes(5)));
    assertEquals(HEADER_VALUE, sent.header("X-Team"));
  }

  @Test
  void otherSpaces_areInvisible_andCannotBeWrittenTo() {
    Space hidden = store().spaces().create(all, "hidden", null);
    Webhook secret = service().create(all, hmac("hidden", "secret-hook"));
    service().test(all, secret.id(), null);
    AccessScope defaultOnly = AccessScope.spaces(Set.of(Space.DEFAULT_ID));

    assertThrows(NotFoundException.class, () -> service().get(defaultOnly, secret.id(), null));
    assertEquals(List.of(), service().list(defaultOnly, null, null, PageRequest.firstDefault()).items());
    assertThrows(NotFoundException.class, () -> service().deliveries(defaultOnly, secret.id(), null,
        PageRequest.firstDefault()));
    assertEquals(List.of(), store().webhooks().listDeliveries(defaultOnly, secret.id(), PageRequest.firstDefault()).items());
    assertThrows(NotFoundException.class, () -> service().test(defaultOnly, secret.id(), null));
    assertThrows(NotFoundException.class, () -> service().update(defaultOnly, secret.id(), null,
        new WebhookUpdate("mine", null, null, null, null, null)));
    assertThrows(NotFoundException.class, () -> service().delete(defaultOnly, secret.id(), null));
    assertThrows(NotFoundException.class, () -> service().create(defaultOnly, hmac(hidden.id(), "sneaky")));
    assertEquals(1, service().list(all, hidden.id(), null, PageRequest.firstDefault()).items().size());
    assertEquals(1, service().deliveries(all, secret.id(), null, PageRequest.firstDefault()).items().size());
  }
}
