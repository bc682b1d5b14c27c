package dev.assay.prompts;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Prompts, their append-only versions and their labels (adapter {@code JdbcPromptStore}). Every method sees only
 * prompts in spaces the scope allows; one outside the scope behaves exactly like one that does not exist. Drafts are
 * validated by the caller ({@link PromptService}); the store checks names only.
 */
public interface PromptStore {

  /** Visible prompts, ordered by name then id; every null filter matches everything. */
  Page<Prompt> list(AccessScope scope, String spaceId, String spaceNameContains, String nameContains, PageRequest page);

  Optional<Prompt> findById(AccessScope scope, String id);

  /** The visible prompt with exactly that name (after stripping) in the space. */
  Optional<Prompt> findByName(AccessScope scope, String spaceId, String name);

  /**
   * Creates a prompt with its version 1 in one transaction.
   *
   * @throws dev.assay.shared.NotFoundException when the space does not exist or is not visible
   * @throws dev.assay.shared.ConflictException when the space already has a prompt of that name
   */
  PromptWithVersion create(AccessScope scope, String spaceId, String name, String description, PromptVersionDraft draft);

  /** Sets the description (an empty one clears it). @throws dev.assay.shared.NotFoundException when not visible */
  Prompt update(AccessScope scope, String id, String description);

  /** Deletes the prompt, its versions and labels; false when no visible prompt has that id. */
  boolean delete(AccessScope scope, String id);

  /** Appends version {@code latest + 1}. @throws dev.assay.shared.NotFoundException when not visible */
  PromptVersion appendVersion(AccessScope scope, String promptId, PromptVersionDraft draft);

  /** Versions of a visible prompt, newest first. */
  Page<PromptVersion> listVersions(AccessScope scope, String promptId, PageRequest page);

  Optional<PromptVersion> findVersion(AccessScope scope, String versionId);

  /** The latest version of a visible prompt. */
  Optional<PromptVersion> latestVersion(AccessScope scope, String promptId);

  /** The version {@code label} points at. */
  Optional<PromptVersion> findByLabel(AccessScope scope, String promptId, String label);

  /**
   * Makes {@code labels} exactly the labels of the version, in one transaction: labels on other versions of the
   * prompt move here, labels of this version not listed are removed.
   *
   * @throws dev.assay.shared.NotFoundException when the version is not visible
   */
  PromptVersion setLabels(AccessScope scope, String versionId, List<String> labels);

  /** Removes {@code label} from the version; false when the version does not carry it. */
  boolean deleteLabel(AccessScope scope, String versionId, String label);
}
