package dev.assay.auth;

import java.time.Instant;

/**
 * A person who signs in, or the service account behind a service API key ({@code service} true: it has no
 * password and never signs in). Passwords and their hashes never leave the store's auth package.
 *
 * @param mustChangePassword set for a temporary password (created or reset by an admin): the user signs in once
 *     and must set a new one before anything else
 */
public record User(String id, String email, String name, AccountRole role, boolean service, boolean mustChangePassword,
    Instant createdAt, Instant updatedAt) {}
