package dev.assay.eval;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Optional;

/**
 * Evaluators and their append-only versions. Every method sees only evaluators in spaces the scope allows;
 * one outside the scope behaves exactly like one that does not exist. Specs are validated by the caller
 * ({@link EvaluatorService}); the store checks only names and kinds.
 */
public interface EvaluatorStore {

  /** Visible evaluators matching the filter, ordered by name, then id. */
  Page<EvaluatorDefinition> list(AccessScope scope, EvaluatorFilter filter, PageRequest page);

  /** The visible evaluator with that id; empty for an unknown id or null. */
  Optional<EvaluatorDefinition> findById(AccessScope scope, String id);

  /** The visible evaluator with exactly that name (after stripping) in the space; empty when there is none. */
  Optional<EvaluatorDefinition> findByName(AccessScope scope, String spaceId, String name);

  /**
   * Creates an evaluator with its version 1 in one transaction; the kind is the spec's.
   *
   * @throws dev.assay.shared.NotFoundException when the space does not exist or is not visible
   * @throws dev.assay.shared.ConflictException when the space already has an evaluator of that name
   * @throws dev.assay.shared.InvalidInputException when the name is blank, too long or has control characters
   */
  EvaluatorWithVersion create(AccessScope scope, String spaceId, String name, String description, String commitMessage,
      EvaluatorSpec spec);

  /**
   * Changes the name and/or description (null = unchanged; an empty description clears it).
   *
   * @throws dev.assay.shared.NotFoundException when no visible evaluator has that id
   * @throws dev.assay.shared.ConflictException when another evaluator of the space has the new name
   */
  EvaluatorDefinition update(AccessScope scope, String id, String name, String description);

  /**
   * Deletes the evaluator and its versions; evaluation results it wrote are kept.
   *
   * @return false when no visible evaluator has that id
   */
  boolean delete(AccessScope scope, String id);

  /**
   * Appends version {@code latest + 1} and bumps the evaluator's latest version, in one transaction.
   *
   * @throws dev.assay.shared.NotFoundException when no visible evaluator has that id
   * @throws dev.assay.shared.InvalidInputException when the spec's kind differs from the evaluator's
   */
  EvaluatorVersion appendVersion(AccessScope scope, String evaluatorId, String commitMessage, EvaluatorSpec spec);

  /** Versions of a visible evaluator, newest first. */
  Page<EvaluatorVersion> listVersions(AccessScope scope, String evaluatorId, PageRequest page);

  /** The version with that id, when its evaluator is visible. */
  Optional<EvaluatorVersion> findVersion(AccessScope scope, String versionId);

  /** Version {@code version} of a visible evaluator. */
  Optional<EvaluatorVersion> findVersion(AccessScope scope, String evaluatorId, long version);
}
