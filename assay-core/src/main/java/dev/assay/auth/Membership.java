package dev.assay.auth;

import java.time.Instant;

/** A user's role in a space (AX: a role binding with {@code resource_type} SPACE, or a space user). */
public record Membership(String spaceId, String userId, SpaceRole role, Instant createdAt, Instant updatedAt) {}
