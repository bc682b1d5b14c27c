package dev.assay.webhooks;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Optional;

/**
 * Stored webhooks ({@code webhooks}) and their delivery log ({@code webhook_deliveries}). Every method limits itself
 * to the caller's spaces: a webhook outside the scope behaves exactly like one that does not exist. Secrets are opaque
 * sealed bytes here ({@link dev.assay.secrets.SecretBox}); the store never sees them in clear. Values are validated
 * by {@link WebhookService}.
 */
public interface WebhookStore {

  /** Webhooks of one space (every visible space when {@code spaceId} is null) ordered by name, then id. */
  Page<Webhook> list(AccessScope scope, String spaceId, String nameContains, PageRequest page);

  /** The visible webhook with that id; empty for an unknown id or null. */
  Optional<Webhook> findById(AccessScope scope, String id);

  /** The visible webhook with exactly that name in the space; empty when there is none. */
  Optional<Webhook> findByName(AccessScope scope, String spaceId, String name);

  /** The sealed secrets of a visible webhook; empty when it has none or is not visible. */
  Optional<byte[]> sealedSecrets(AccessScope scope, String id);

  /**
   * Inserts a webhook; the store assigns id and timestamps (those of {@code webhook} are ignored).
   *
   * @param sealedSecrets null when it has no token and no headers
   * @throws dev.assay.shared.ConflictException when the space already has a webhook of that name
   * @throws dev.assay.shared.NotFoundException when the space does not exist or is not visible
   */
  Webhook create(AccessScope scope, Webhook webhook, byte[] sealedSecrets);

  /**
   * Replaces every stored field of webhook {@code webhook.id()} (secrets included) and bumps {@code updated_at}.
   *
   * @throws dev.assay.shared.ConflictException when the new name is taken in the space
   * @throws dev.assay.shared.NotFoundException when the webhook is not visible
   */
  Webhook update(AccessScope scope, Webhook webhook, byte[] sealedSecrets);

  /**
   * Deletes a visible webhook and its delivery log.
   *
   * @return false when there was none
   */
  boolean delete(AccessScope scope, String id);

  /**
   * Appends a delivery to the log as given (id and timestamp included); the service bounds its texts.
   *
   * @return false (nothing stored) when the webhook no longer exists: it was deleted while delivering
   */
  boolean recordDelivery(WebhookDelivery delivery);

  /** Deliveries of a visible webhook, newest first (then by id, descending); empty for an invisible one. */
  Page<WebhookDelivery> listDeliveries(AccessScope scope, String webhookId, PageRequest page);
}
