package dev.assay.eval;

import java.time.Instant;

/**
 * A named, versioned evaluator in a space (AX's {@code Evaluator}). Its kind is fixed at creation; every
 * change of its definition is a new immutable {@link EvaluatorVersion}, and {@code latestVersion} is the
 * number of the newest one (versions count from 1).
 */
public record EvaluatorDefinition(String id, String spaceId, String name, String description, EvaluatorKind kind,
    long latestVersion, Instant createdAt, Instant updatedAt) {}
