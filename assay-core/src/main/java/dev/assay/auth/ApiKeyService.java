package dev.assay.auth;

import dev.assay.shared.ConflictException;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.UnprocessableException;
import dev.assay.spaces.Space;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API keys (AX's {@code /v2/api-keys}). A USER key acts as its creator; a SERVICE key acts as a new service account
 * holding the space roles it was created with, each at most the creator's own role there. A key's owner, the creator
 * of a service key, and account ADMINs may see, refresh and revoke it.
 */
public final class ApiKeyService {
  static final Duration MAX_GRACE = Duration.ofHours(24);

  private final AuthStore store;
  private final MembershipService memberships;
  private final Clock clock;

  public ApiKeyService(AuthStore store, MembershipService memberships, Clock clock) {
    if (store == null || memberships == null || clock == null) {
      throw new NullPointerException("store, memberships and clock are required");
    }
    this.store = store;
    this.memberships = memberships;
    this.clock = clock;
  }

  /**
   * A key that acts as the caller.
   *
   * @param expiresAt null: never expires
   * @throws ForbiddenException in local mode or for a service account (only people hold USER keys)
   */
  public CreatedApiKey createUserKey(Principal caller, String name, String description, Instant expiresAt) {
    if (caller.isLocal() || caller.user().service()) {
      throw new ForbiddenException("USER keys belong to a signed-in person; turn authentication on and sign in");
    }
    String validName = DisplayNames.require(name);
    requireFuture(expiresAt);
    return issue(validName, description, ApiKey.Type.USER, caller.user().id(), caller.user().id(), expiresAt, null,
        List.of());
  }

  /**
   * A key for a new service account with {@code spaces} roles.
   *
   * @throws NotFoundException when the caller cannot view one of the spaces
   * @throws ForbiddenException when a role is above the caller's own in that space
   */
  public CreatedApiKey createServiceKey(Principal caller, String name, String description, Instant expiresAt,
      Map<String, SpaceRole> spaces) {
    String validName = DisplayNames.require(name);
    requireFuture(expiresAt);
    Map<String, SpaceRole> grants = new LinkedHashMap<>();
    for (Map.Entry<String, SpaceRole> e : (spaces == null ? Map.<String, SpaceRole>of() : spaces).entrySet()) {
      if (e.getValue() == null) {
        throw new InvalidInputException("role for space '" + e.getKey() + "' must be ADMIN, MEMBER or READ_ONLY");
      }
      Space space = memberships.visibleSpace(caller, e.getKey());
      SpaceRole own = caller.roleIn(space.id());
      if (own == null || !own.atLeast(e.getValue())) {
        throw new ForbiddenException("a service key cannot get " + e.getValue().axName() + " in space '" + space.name()
            + "': your role there is " + (own == null ? "none" : own.axName()));
      }
      grants.put(space.id(), e.getValue());
    }
    String creator = caller.isLocal() ? null : caller.user().id();
    User serviceUser = store.createUser("service-" + dev.assay.shared.Ids.newId(clock) + "@service.assay.invalid",
        validName, AccountRole.MEMBER, true, null, false);
    List<Membership> granted = new ArrayList<>();
    grants.forEach((spaceId, role) -> granted.add(store.putMembership(spaceId, serviceUser.id(), role)));
    return issue(validName, description, ApiKey.Type.SERVICE, serviceUser.id(), creator, expiresAt, serviceUser,
        granted);
  }

  /** Keys ordered by creation: all for an account ADMIN, else the caller's own and the service keys it created. */
  public Page<ApiKey> list(Principal caller, ApiKeyFilter filter, PageRequest page) {
    return store.listApiKeys(filter == null ? ApiKeyFilter.all() : filter,
        caller.isAccountAdmin() ? null : caller.user().id(), page);
  }

  /** @throws NotFoundException when there is no such key or the caller may not see it */
  public ApiKey get(Principal caller, String keyId) {
    ApiKey key = store.findApiKey(keyId == null ? "" : keyId)
        .orElseThrow(() -> new NotFoundException("API key '" + keyId + "' not found"));
    if (!caller.isAccountAdmin() && !caller.user().id().equals(key.userId())
        && !caller.user().id().equals(key.createdByUserId())) {
      throw new NotFoundException("API key '" + keyId + "' not found");
    }
    return key;
  }

  /**
   * A new secret for the same key (AX's refresh): the old secret keeps working for {@code grace} (at most 24 h, never
   * past the key's expiry), then stops.
   *
   * @param expiresAt the new expiry; required when the key has one, and never later than it
   * @param grace null or zero: the old secret stops at once
   * @throws UnprocessableException when the expiry would be extended or the grace period is out of range
   * @throws ConflictException for a revoked or expired key
   */
  public CreatedApiKey refresh(Principal caller, String keyId, Instant expiresAt, Duration grace) {
    ApiKey key = get(caller, keyId);
    Instant now = clock.instant();
    if (key.status() == ApiKey.Status.REVOKED) {
      throw new ConflictException("API key '" + keyId + "' is revoked");
    }
    if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
      throw new ConflictException("API key '" + keyId + "' has expired");
    }
    if (key.expiresAt() != null && expiresAt == null) {
      throw new UnprocessableException("expires_at is required: the key expires at " + key.expiresAt()
          + " and a refresh cannot make it unbounded");
    }
    if (key.expiresAt() != null && expiresAt.isAfter(key.expiresAt())) {
      throw new UnprocessableException("expires_at must not be later than the key's expiry " + key.expiresAt()
          + "; create a new key for a longer lifetime");
    }
    requireFuture(expiresAt);
    Duration g = grace == null ? Duration.ZERO : grace;
    if (g.isNegative() || g.compareTo(MAX_GRACE) > 0) {
      throw new UnprocessableException("grace_period_seconds must be between 0 and 86400");
    }
    Instant previousUntil = g.isZero() ? null : now.plus(g);
    if (previousUntil != null && key.expiresAt() != null && key.expiresAt().isBefore(previousUntil)) {
      previousUntil = key.expiresAt();
    }
    String secret = Tokens.newApiKey();
    ApiKey rotated = store.rotateApiKey(key.id(), Tokens.sha256(secret), Tokens.redact(secret), expiresAt,
        previousUntil);
    User serviceUser = null;
    List<Membership> granted = List.of();
    if (rotated.type() == ApiKey.Type.SERVICE) {
      serviceUser = store.findUser(rotated.userId()).orElse(null);
      granted = serviceUser == null ? List.of() : memberships.list(Principal.local(), null, serviceUser.id(),
          PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }
    return new CreatedApiKey(rotated, secret, serviceUser, granted);
  }

  /** Revokes the key at once (also a previous secret in its grace period); revoking twice is harmless. */
  public ApiKey revoke(Principal caller, String keyId) {
    ApiKey key = get(caller, keyId);
    return store.revokeApiKey(key.id());
  }

  /** Issues a USER key for {@code user} (used by the CLI sign-in after the password was checked). */
  CreatedApiKey issueUserKey(User user, String name, Instant expiresAt) {
    return issue(DisplayNames.require(name), null, ApiKey.Type.USER, user.id(), user.id(), expiresAt, null, List.of());
  }

  private CreatedApiKey issue(String name, String description, ApiKey.Type type, String userId, String createdBy,
      Instant expiresAt, User serviceUser, List<Membership> granted) {
    String secret = Tokens.newApiKey();
    ApiKey key = store.createApiKey(new AuthStore.NewApiKey(name, blankToNull(description), type, userId, createdBy,
        expiresAt, Tokens.sha256(secret), Tokens.redact(secret)));
    return new CreatedApiKey(key, secret, serviceUser, granted);
  }

  private void requireFuture(Instant expiresAt) {
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw new UnprocessableException("expires_at must be in the future");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
