package dev.assay.auth;

import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Users, space memberships, API keys, login sessions and login failures. Secrets arrive here already hashed
 * (Argon2id PHC strings for passwords, SHA-256 hex for keys and session tokens) and never leave except the password
 * hash, which only {@link AuthService} reads to verify a login. Emails are stored as given: callers normalise them
 * (stripped, lower case) first. No method checks permissions: the services do.
 */
public interface AuthStore {

  // ---- users

  /** True when at least one user (person or service account) exists. */
  boolean hasUsers();

  /**
   * Creates a user.
   *
   * @param passwordHash null for no password (service accounts, users invited without one)
   * @throws dev.assay.shared.ConflictException when the email is taken
   */
  User createUser(String email, String name, AccountRole role, boolean service, String passwordHash,
      boolean mustChangePassword);

  Optional<User> findUser(String id);

  Optional<User> findUserByEmail(String email);

  /** The user's Argon2id PHC string; empty when it has none (or the user does not exist). */
  Optional<String> passwordHash(String userId);

  /**
   * Users ordered by id (creation order).
   *
   * @param emailContains when not null, only users whose email contains it, ignoring case
   */
  Page<User> listUsers(String emailContains, PageRequest page);

  /**
   * Changes a user's name and/or account role (null leaves it unchanged).
   *
   * @throws dev.assay.shared.NotFoundException for an unknown user
   */
  User updateUser(String id, String name, AccountRole role);

  /** Replaces the password hash (null removes the password) and sets {@code mustChangePassword}. */
  void setPassword(String userId, String passwordHash, boolean mustChangePassword);

  /** Account ADMINs that are people (service accounts never count). */
  long countAccountAdmins();

  /**
   * Deletes a user with its memberships and sessions, and revokes its API keys (kept, REVOKED, for the record),
   * in one transaction.
   *
   * @return false when there is no such user
   */
  boolean deleteUser(String id);

  // ---- memberships

  /** Sets the user's role in the space (insert or update) and returns the stored membership. */
  Membership putMembership(String spaceId, String userId, SpaceRole role);

  Optional<Membership> findMembership(String spaceId, String userId);

  /** @return false when there was no such membership */
  boolean removeMembership(String spaceId, String userId);

  /** The user's role in each space it belongs to; empty for none. */
  Map<String, SpaceRole> rolesOf(String userId);

  /**
   * Memberships ordered by space id, then user id, in spaces {@code scope} allows.
   *
   * @param spaceId when not null, only that space
   * @param userId when not null, only that user
   */
  Page<Membership> listMemberships(AccessScope scope, String spaceId, String userId, PageRequest page);

  // ---- API keys

  /** Stores a new ACTIVE key under its secret's SHA-256 hex. */
  ApiKey createApiKey(NewApiKey key);

  Optional<ApiKey> findApiKey(String id);

  /**
   * The key whose current secret, or whose previous secret still inside its refresh grace period, hashes to
   * {@code secretHash}; status and expiry are the caller's to check ({@link KeyMatch#validUntil()}).
   */
  Optional<KeyMatch> findApiKeyBySecretHash(String secretHash, Instant now);

  /**
   * Keys ordered by id (creation order).
   *
   * @param visibleTo when not null, only that user's own keys and the service keys it created
   */
  Page<ApiKey> listApiKeys(ApiKeyFilter filter, String visibleTo, PageRequest page);

  /**
   * Gives a key a new secret (same id) and expiry; the previous secret stays valid until {@code previousValidUntil}
   * (null or not after now: not at all).
   *
   * @throws dev.assay.shared.NotFoundException for an unknown key
   */
  ApiKey rotateApiKey(String id, String secretHash, String redacted, Instant expiresAt, Instant previousValidUntil);

  /** Marks a key REVOKED (and forgets a previous secret in its grace period); returns it as stored. */
  ApiKey revokeApiKey(String id);

  /** Sets {@code last_used_at} to {@code now} unless it is already within the last minute. */
  void touchApiKey(String id, Instant now);

  // ---- sessions

  /** Stores a login session under its token's SHA-256 hex. */
  void createSession(String tokenHash, String userId, Instant expiresAt);

  /** The session with that token hash, expired or not. */
  Optional<StoredSession> findSession(String tokenHash);

  void deleteSession(String tokenHash);

  void deleteSessionsOf(String userId);

  /** Removes sessions that expired before {@code now}; returns how many. */
  int deleteExpiredSessions(Instant now);

  // ---- login failures

  void recordLoginFailure(String email, String ip, Instant at);

  /** Failed logins for {@code email} at or after {@code since}. */
  long countLoginFailures(String email, Instant since);

  /** Forgets the email's failures (after a successful login) and everyone's failures before {@code olderThan}. */
  void clearLoginFailures(String email, Instant olderThan);

  /** What {@link #createApiKey} stores. */
  record NewApiKey(String name, String description, ApiKey.Type type, String userId, String createdByUserId,
      Instant expiresAt, String secretHash, String redacted) {
    @Override
    public String toString() {
      return "NewApiKey[name=" + name + ", type=" + type + ", userId=" + userId + "]";
    }
  }

  /**
   * A key found by a secret hash.
   *
   * @param validUntil when the presented secret stops working: the key's expiry, or for a previous secret the end
   *     of its grace period if sooner; null when it never expires
   */
  record KeyMatch(ApiKey key, boolean previousSecret, Instant validUntil) {}

  /** A login session as stored (the token itself is never stored). */
  record StoredSession(String userId, Instant createdAt, Instant expiresAt) {}
}
