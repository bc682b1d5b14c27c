package dev.assay.llm;

import dev.assay.secrets.SecretBox;
import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Optional;

/**
 * Stored model configs ({@code model_configs}). Every method limits itself to the caller's spaces. Secrets are
 * opaque sealed bytes here ({@link SecretBox}); the store never sees them in clear.
 */
public interface ModelConfigStore {

  /** Configs of one space (or every visible space when {@code spaceId} is null) ordered by name, then id. */
  Page<ModelConfig> list(AccessScope scope, String spaceId, String nameContains, PageRequest page);

  Optional<ModelConfig> findById(AccessScope scope, String id);

  Optional<ModelConfig> findByName(AccessScope scope, String spaceId, String name);

  /** The sealed secrets of a visible config; empty when it has none or is not visible. */
  Optional<byte[]> sealedSecrets(AccessScope scope, String id);

  /**
   * Inserts a config; the store assigns id and timestamps (those of {@code config} are ignored).
   *
   * @throws dev.assay.shared.ConflictException when the space already has a config of that name
   * @throws dev.assay.shared.NotFoundException when the space is not visible
   */
  ModelConfig create(AccessScope scope, ModelConfig config, byte[] sealedSecrets);

  /**
   * Replaces every stored field of config {@code config.id()} (secrets included) and bumps {@code updated_at}.
   *
   * @throws dev.assay.shared.ConflictException when the new name is taken in the space
   * @throws dev.assay.shared.NotFoundException when the config is not visible
   */
  ModelConfig update(AccessScope scope, ModelConfig config, byte[] sealedSecrets);

  /** Deletes a visible config; false when there was none. */
  boolean delete(AccessScope scope, String id);
}
