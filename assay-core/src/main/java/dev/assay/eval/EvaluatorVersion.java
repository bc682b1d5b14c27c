package dev.assay.eval;

import java.time.Instant;

/**
 * One immutable version of an evaluator. {@code commitHash} chains the versions like commits: the first 40
 * hex digits of SHA-256 over the canonical spec JSON and the previous version's hash (empty for version 1).
 */
public record EvaluatorVersion(String id, String evaluatorId, long version, String commitHash, String commitMessage,
    EvaluatorSpec spec, Instant createdAt) {}
