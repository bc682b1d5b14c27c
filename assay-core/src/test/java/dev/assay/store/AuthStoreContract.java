package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.auth.AccountRole;
import dev.assay.auth.ApiKey;
import dev.assay.auth.ApiKeyFilter;
import dev.assay.auth.AuthStore;
import dev.assay.auth.Membership;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code users}, {@code space_memberships}, {@code api_keys}, {@code auth_sessions}, {@code login_failures}. */
public abstract class AuthStoreContract extends StoreContract {

  private AuthStore auth() {
    return store().auth();
  }

  private User user(String email) {
    return auth().createUser(email, "User " + email, AccountRole.MEMBER, false, "$argon2id$fake", false);
  }

  private ApiKey key(User user, String hash, Instant expiresAt) {
    clock.advance(Duration.ofMillis(1)); // ids are time-ordered to the millisecond: the list order is creation order
    return auth().createApiKey(new AuthStore.NewApiKey("k", "d", ApiKey.Type.USER, user.id(), user.id(), expiresAt,
        hash, "ak-abc…wxyz"));
  }

  @Test
  void createUser_storesItsFields_andRefusesADuplicateEmail() {
    assertFalse(auth().hasUsers());
    User ada = auth().createUser("ada@example.com", "Ada", AccountRole.ADMIN, false, "$argon2id$hash", true);

    assertTrue(auth().hasUsers());
    assertEquals(ada, auth().findUser(ada.id()).orElseThrow());
    assertEquals(ada, auth().findUserByEmail("ada@example.com").orElseThrow());
    assertEquals("Ada", ada.name());
    assertEquals(AccountRole.ADMIN, ada.role());
    assertTrue(ada.mustChangePassword());
    assertFalse(ada.service());
    assertEquals(clock.instant(), ada.createdAt());
    assertEquals("$argon2id$hash", auth().passwordHash(ada.id()).orElseThrow());
    assertThrows(ConflictException.class, () -> user("ada@example.com"));
  }

  @Test
  void passwordHash_isEmptyForAUserWithoutOne_andSetPasswordReplacesIt() {
    User svc = auth().createUser("svc@service.assay.invalid", "svc", AccountRole.MEMBER, true, null, false);
    assertTrue(auth().passwordHash(svc.id()).isEmpty());

    auth().setPassword(svc.id(), "$argon2id$new", true);

    assertEquals("$argon2id$new", auth().passwordHash(svc.id()).orElseThrow());
    assertTrue(auth().findUser(svc.id()).orElseThrow().mustChangePassword());
  }

  @Test
  void listUsers_pagesInCreationOrder_andFiltersByEmail() {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d", "e")) {
      clock.advance(Duration.ofMillis(2));
      ids.add(user(name + "@list.example").id());
    }
    List<String> seen = new ArrayList<>();
    Page<User> page = auth().listUsers(null, PageRequest.first(2));
    seen.addAll(page.items().stream().map(User::id).toList());
    while (page.hasMore()) {
      page = auth().listUsers(null, new PageRequest(page.nextCursor(), 2));
      seen.addAll(page.items().stream().map(User::id).toList());
    }
    assertEquals(ids, seen);
    assertEquals(List.of(ids.get(2)),
        auth().listUsers("C@LIST", PageRequest.firstDefault()).items().stream().map(User::id).toList());
  }

  @Test
  void updateUser_changesOnlyWhatIsGiven_andCountsPeopleAdmins() {
    User u = user("upd@example.com");
    auth().createUser("svc-admin@service.assay.invalid", "svc", AccountRole.ADMIN, true, null, false);
    assertEquals(0, auth().countAccountAdmins());

    User renamed = auth().updateUser(u.id(), "New name", null);
    User promoted = auth().updateUser(u.id(), null, AccountRole.ADMIN);

    assertEquals("New name", renamed.name());
    assertEquals(AccountRole.MEMBER, renamed.role());
    assertEquals("New name", promoted.name());
    assertEquals(AccountRole.ADMIN, promoted.role());
    assertEquals(1, auth().countAccountAdmins());
  }

  @Test
  void putMembership_insertsThenUpdates_oneRowPerSpaceAndUser() {
    User u = user("member@example.com");
    Membership first = auth().putMembership(Space.DEFAULT_ID, u.id(), SpaceRole.VIEWER);
    clock.advance(Duration.ofSeconds(5));
    Membership second = auth().putMembership(Space.DEFAULT_ID, u.id(), SpaceRole.ADMIN);

    assertEquals(SpaceRole.VIEWER, first.role());
    assertEquals(SpaceRole.ADMIN, second.role());
    assertEquals(first.createdAt(), second.createdAt());
    assertEquals(clock.instant(), second.updatedAt());
    assertEquals(Map.of(Space.DEFAULT_ID, SpaceRole.ADMIN), auth().rolesOf(u.id()));
    assertEquals(1, auth().listMemberships(AccessScope.unrestricted(), null, u.id(), PageRequest.firstDefault())
        .items().size());
    assertTrue(auth().removeMembership(Space.DEFAULT_ID, u.id()));
    assertFalse(auth().removeMembership(Space.DEFAULT_ID, u.id()));
    assertEquals(Map.of(), auth().rolesOf(u.id()));
  }

  @Test
  void listMemberships_showsOnlySpacesInScope_andPages() {
    Space other = store().spaces().create(AccessScope.unrestricted(), "team-" + clock.millis(), null);
    List<User> users = List.of(user("m1@example.com"), user("m2@example.com"), user("m3@example.com"));
    for (User u : users) {
      auth().putMembership(Space.DEFAULT_ID, u.id(), SpaceRole.MEMBER);
      auth().putMembership(other.id(), u.id(), SpaceRole.VIEWER);
    }
    AccessScope onlyOther = AccessScope.spaces(Set.of(other.id()));

    List<Membership> seen = new ArrayList<>();
    Page<Membership> page = auth().listMemberships(onlyOther, null, null, PageRequest.first(2));
    seen.addAll(page.items());
    while (page.hasMore()) {
      page = auth().listMemberships(onlyOther, null, null, new PageRequest(page.nextCursor(), 2));
      seen.addAll(page.items());
    }

    assertEquals(3, seen.size());
    assertTrue(seen.stream().allMatch(m -> m.spaceId().equals(other.id()) && m.role() == SpaceRole.VIEWER));
    assertEquals(6, auth().listMemberships(AccessScope.unrestricted(), null, null, PageRequest.firstDefault())
        .items().size());
    assertTrue(auth().listMemberships(AccessScope.spaces(Set.of()), null, null, PageRequest.firstDefault())
        .items().isEmpty());
  }

  @Test
  void deletingASpace_removesItsMemberships() {
    Space team = store().spaces().create(AccessScope.unrestricted(), "doomed-" + clock.millis(), null);
    User u = user("doomed@example.com");
    auth().putMembership(team.id(), u.id(), SpaceRole.ADMIN);
    auth().putMembership(Space.DEFAULT_ID, u.id(), SpaceRole.VIEWER);

    assertTrue(store().spaces().delete(AccessScope.unrestricted(), team.id()));

    assertEquals(Map.of(Space.DEFAULT_ID, SpaceRole.VIEWER), auth().rolesOf(u.id()));
    assertTrue(auth().findMembership(team.id(), u.id()).isEmpty());
  }

  @Test
  void deleteUser_removesMembershipsAndSessions_andRevokesItsKeys() {
    User u = user("gone@example.com");
    User other = user("stays@example.com");
    auth().putMembership(Space.DEFAULT_ID, u.id(), SpaceRole.MEMBER);
    auth().putMembership(Space.DEFAULT_ID, other.id(), SpaceRole.MEMBER);
    auth().createSession("session-hash-gone", u.id(), clock.instant().plus(Duration.ofHours(1)));
    auth().createSession("session-hash-stays", other.id(), clock.instant().plus(Duration.ofHours(1)));
    ApiKey k = key(u, "key-hash-gone", null);
    ApiKey kept = key(other, "key-hash-stays", null);

    assertTrue(auth().deleteUser(u.id()));

    assertFalse(auth().deleteUser(u.id()));
    assertTrue(auth().findUser(u.id()).isEmpty());
    assertTrue(auth().findMembership(Space.DEFAULT_ID, u.id()).isEmpty());
    assertTrue(auth().findSession("session-hash-gone").isEmpty());
    assertEquals(ApiKey.Status.REVOKED, auth().findApiKey(k.id()).orElseThrow().status());
    assertTrue(auth().findMembership(Space.DEFAULT_ID, other.id()).isPresent());
    assertTrue(auth().findSession("session-hash-stays").isPresent());
    assertEquals(ApiKey.Status.ACTIVE, auth().findApiKey(kept.id()).orElseThrow().status());
  }

  @Test
  void apiKeys_areFoundByTheirSecretHashOnly() {
    User u = user("keys@example.com");
    Instant expiry = clock.instant().plus(Duration.ofDays(1));
    ApiKey k = key(u, "hash-one", expiry);

    AuthStore.KeyMatch match = auth().findApiKeyBySecretHash("hash-one", clock.instant()).orElseThrow();

    assertEquals(k, match.key());
    assertFalse(match.previousSecret());
    assertEquals(expiry, match.validUntil());
    assertEquals(ApiKey.Status.ACTIVE, k.status());
    assertEquals("ak-abc…wxyz", k.redacted());
    assertNull(k.lastUsedAt());
    assertTrue(auth().findApiKeyBySecretHash("hash-two", clock.instant()).isEmpty());
    assertTrue(auth().findApiKey("no-such-key").isEmpty());
  }

  @Test
  void revokeApiKey_marksItRevoked_andExpiredKeysReportTheirExpiry() {
    User u = user("revoke@example.com");
    ApiKey k = key(u, "hash-revoke", null);
    ApiKey expired = key(u, "hash-expired", clock.instant().minus(Duration.ofMinutes(1)));

    ApiKey revoked = auth().revokeApiKey(k.id());

    assertEquals(ApiKey.Status.REVOKED, revoked.status());
    assertEquals(ApiKey.Status.REVOKED, auth().findApiKeyBySecretHash("hash-revoke", clock.instant()).orElseThrow()
        .key().status());
    assertTrue(auth().findApiKeyBySecretHash("hash-expired", clock.instant()).orElseThrow().validUntil()
        .isBefore(clock.instant()));
    assertEquals(expired.id(), auth().findApiKeyBySecretHash("hash-expired", clock.instant()).orElseThrow().key().id());
  }

  @Test
  void rotateApiKey_keepsTheOldSecretUntilTheGraceEnds() {
    User u = user("rotate@example.com");
    ApiKey k = key(u, "hash-old", null);
    Instant graceEnd = clock.instant().plus(Duration.ofMinutes(5));

    ApiKey rotated = auth().rotateApiKey(k.id(), "hash-new", "ak-new…abcd", null, graceEnd);

    assertEquals(k.id(), rotated.id());
    assertEquals("ak-new…abcd", rotated.redacted());
    assertFalse(auth().findApiKeyBySecretHash("hash-new", clock.instant()).orElseThrow().previousSecret());
    AuthStore.KeyMatch old = auth().findApiKeyBySecretHash("hash-old", clock.instant()).orElseThrow();
    assertTrue(old.previousSecret());
    assertEquals(graceEnd, old.validUntil());
    assertTrue(auth().findApiKeyBySecretHash("hash-old", graceEnd).isEmpty());

    auth().rotateApiKey(k.id(), "hash-newer", "ak-nwr…abcd", null, null);
    assertTrue(auth().findApiKeyBySecretHash("hash-new", clock.instant()).isEmpty());
  }

  @Test
  void touchApiKey_writesAtMostOnceAMinute() {
    User u = user("touch@example.com");
    ApiKey k = key(u, "hash-touch", null);
    Instant t0 = clock.instant();

    auth().touchApiKey(k.id(), t0);
    auth().touchApiKey(k.id(), t0.plusSeconds(30));
    assertEquals(t0, auth().findApiKey(k.id()).orElseThrow().lastUsedAt());

    auth().touchApiKey(k.id(), t0.plusSeconds(61));
    assertEquals(t0.plusSeconds(61), auth().findApiKey(k.id()).orElseThrow().lastUsedAt());
  }

  @Test
  void listApiKeys_filtersAndLimitsToWhatAUserMaySee() {
    User owner = user("owner@example.com");
    User other = user("other@example.com");
    User svc = auth().createUser("svc-list@service.assay.invalid", "svc", AccountRole.MEMBER, true, null, false);
    auth().putMembership(Space.DEFAULT_ID, svc.id(), SpaceRole.MEMBER);
    ApiKey own = key(owner, "h-own", null);
    clock.advance(Duration.ofMillis(1));
    ApiKey service = auth().createApiKey(new AuthStore.NewApiKey("svc", null, ApiKey.Type.SERVICE, svc.id(),
        owner.id(), null, "h-svc", "ak-svc…abcd"));
    ApiKey foreign = key(other, "h-foreign", null);
    auth().revokeApiKey(foreign.id());

    assertEquals(List.of(own.id(), service.id()), ids(auth().listApiKeys(ApiKeyFilter.all(), owner.id(),
        PageRequest.firstDefault())));
    assertEquals(List.of(own.id(), service.id(), foreign.id()), ids(auth().listApiKeys(ApiKeyFilter.all(), null,
        PageRequest.firstDefault())));
    assertEquals(List.of(service.id()), ids(auth().listApiKeys(new ApiKeyFilter(ApiKey.Type.SERVICE, null, null,
        null), null, PageRequest.firstDefault())));
    assertEquals(List.of(foreign.id()), ids(auth().listApiKeys(new ApiKeyFilter(null, ApiKey.Status.REVOKED, null,
        null), null, PageRequest.firstDefault())));
    assertEquals(List.of(service.id()), ids(auth().listApiKeys(new ApiKeyFilter(null, null, Space.DEFAULT_ID,
        null), null, PageRequest.firstDefault())));
    assertEquals(List.of(own.id()), ids(auth().listApiKeys(new ApiKeyFilter(null, null, null, owner.id()), null,
        PageRequest.firstDefault())));
    Page<ApiKey> first = auth().listApiKeys(ApiKeyFilter.all(), null, PageRequest.first(2));
    assertEquals(List.of(foreign.id()), ids(auth().listApiKeys(ApiKeyFilter.all(), null,
        new PageRequest(first.nextCursor(), 2))));
  }

  @Test
  void sessions_expire_andAreDeletedByHash() {
    User u = user("session@example.com");
    Instant expiry = clock.instant().plus(Duration.ofHours(12));
    auth().createSession("s-1", u.id(), expiry);
    auth().createSession("s-2", u.id(), clock.instant().plus(Duration.ofMinutes(1)));

    AuthStore.StoredSession s = auth().findSession("s-1").orElseThrow();
    assertEquals(u.id(), s.userId());
    assertEquals(expiry, s.expiresAt());
    assertEquals(clock.instant(), s.createdAt());

    assertEquals(1, auth().deleteExpiredSessions(clock.instant().plus(Duration.ofMinutes(2))));
    assertTrue(auth().findSession("s-2").isEmpty());
    auth().deleteSession("s-1");
    assertTrue(auth().findSession("s-1").isEmpty());
  }

  @Test
  void loginFailures_countWithinTheWindow_andClear() {
    Instant t0 = clock.instant();
    auth().recordLoginFailure("lock@example.com", "10.0.0.1", t0.minus(Duration.ofMinutes(20)));
    auth().recordLoginFailure("lock@example.com", "10.0.0.1", t0.minus(Duration.ofMinutes(10)));
    auth().recordLoginFailure("lock@example.com", null, t0);
    auth().recordLoginFailure("other@example.com", null, t0);

    assertEquals(2, auth().countLoginFailures("lock@example.com", t0.minus(Duration.ofMinutes(15))));
    auth().clearLoginFailures("lock@example.com", t0.minus(Duration.ofMinutes(15)));
    assertEquals(0, auth().countLoginFailures("lock@example.com", Instant.EPOCH));
    assertEquals(1, auth().countLoginFailures("other@example.com", Instant.EPOCH));
  }

  private static List<String> ids(Page<ApiKey> page) {
    return page.items().stream().map(ApiKey::id).toList();
  }
}
