package dev.assay.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.audit.AuditEntry;
import dev.assay.audit.AuditQuery;
import dev.assay.shared.ConflictException;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.PageRequest;
import dev.assay.shared.UnauthenticatedException;
import dev.assay.shared.UnprocessableException;
import dev.assay.spaces.Space;
import dev.assay.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what in {@link UserService}, {@link ApiKeyService}, {@link MembershipService} and the audit log. */
abstract class PermissionContract {
  private static final PageRequest ALL = PageRequest.firstDefault();
  private AuthFixture f;
  private Space team;

  protected abstract Database database();

  @BeforeEach
  void setUp() {
    f = new AuthFixture(database());
    team = f.store.spaces().create(AccessScope.unrestricted(), "team-" + System.nanoTime(), null);
  }

  // ---- users

  @Test
  void onlyAccountAdmins_listCreateDeleteAndResetUsers() {
    Principal admin = f.admin("root@example.com");
    Principal member = f.person("m@example.com", AccountRole.MEMBER, Map.of(team.id(), SpaceRole.ADMIN));
    NewUser newUser = new NewUser("New", "new@example.com", AccountRole.MEMBER, null, false);

    assertThrows(ForbiddenException.class, () -> f.services.users().list(member, null, ALL));
    assertThrows(ForbiddenException.class, () -> f.services.users().create(member, newUser));
    assertThrows(ForbiddenException.class, () -> f.services.users().delete(member, admin.user().id()));
    assertThrows(ForbiddenException.class, () -> f.services.users().resetPassword(member, admin.user().id()));
    assertTrue(f.services.users().list(admin, null, ALL).items().size() >= 2);
    CreatedUser created = f.services.users().create(admin, newUser);
    assertNull(created.temporaryPassword());
    assertThrows(UnauthenticatedException.class, () -> f.auth().login("new@example.com", "", null));
  }

  @Test
  void create_refusesADuplicateEmail_andBadInput() {
    Principal admin = f.admin("root@example.com");

    assertThrows(ConflictException.class, () -> f.services.users().create(admin,
        new NewUser("Dup", "ROOT@example.com", AccountRole.MEMBER, null, false)));
    assertThrows(InvalidInputException.class, () -> f.services.users().create(admin,
        new NewUser("Bad", "no-at-sign", AccountRole.MEMBER, null, false)));
    assertThrows(InvalidInputException.class, () -> f.services.users().create(admin,
        new NewUser(" ", "blank@example.com", AccountRole.MEMBER, null, false)));
    assertThrows(InvalidInputException.class, () -> f.services.users().create(admin,
        new NewUser("Short", "short@example.com", AccountRole.MEMBER, "short", false)));
    assertEquals(1, f.services.users().list(admin, null, ALL).items().size());
  }

  @Test
  void users_seeAndRenameThemselves_butNotOthersOrTheirOwnRole() {
    Principal admin = f.admin("root@example.com");
    Principal member = f.person("m@example.com", AccountRole.MEMBER, Map.of());

    assertEquals(member.user().id(), f.services.users().get(member, member.user().id()).id());
    assertThrows(NotFoundException.class, () -> f.services.users().get(member, admin.user().id()));
    assertEquals("Renamed", f.services.users().update(member, member.user().id(), "Renamed", null).name());
    assertThrows(ForbiddenException.class,
        () -> f.services.users().update(member, member.user().id(), null, AccountRole.ADMIN));
    assertThrows(NotFoundException.class, () -> f.services.users().update(member, admin.user().id(), "X", null));
    assertEquals(AccountRole.ADMIN,
        f.services.users().update(admin, member.user().id(), null, AccountRole.ADMIN).role());
  }

  @Test
  void nobodyDeletesThemselves_orTheLastAccountAdmin() {
    Principal root = f.admin("root@example.com");

    assertThrows(ConflictException.class, () -> f.services.users().delete(root, root.user().id()));
    assertThrows(ConflictException.class,
        () -> f.services.users().update(root, root.user().id(), null, AccountRole.MEMBER));
    Principal second = f.admin("second@example.com");
    f.services.users().update(root, second.user().id(), null, AccountRole.MEMBER);
    assertThrows(ConflictException.class, () -> f.services.users().delete(Principal.local(), root.user().id()));

    f.services.users().update(root, second.user().id(), null, AccountRole.ADMIN);
    f.services.users().delete(second, root.user().id());
    assertThrows(NotFoundException.class, () -> f.services.users().get(second, root.user().id()));
  }

  @Test
  void resetPassword_givesATemporaryPassword_andEndsTheUsersSessions() {
    Principal admin = f.admin("root@example.com");
    Principal member = f.person("m@example.com", AccountRole.MEMBER, Map.of());
    String session = f.auth().login("m@example.com", AuthFixture.PASSWORD, null).sessionToken();

    String temporary = f.services.users().resetPassword(admin, member.user().id());

    assertThrows(UnauthenticatedException.class, () -> f.auth().session(session));
    assertThrows(UnauthenticatedException.class, () -> f.auth().login("m@example.com", AuthFixture.PASSWORD, null));
    assertTrue(f.auth().login("m@example.com", temporary, null).session().principal().user().mustChangePassword());
  }

  // ---- memberships

  @Test
  void spaceAdmins_manageMembersOfTheirSpaceOnly() {
    Space other = f.store.spaces().create(AccessScope.unrestricted(), "other-" + System.nanoTime(),
        null);
    Principal spaceAdmin = f.person("sa@example.com", AccountRole.MEMBER,
        Map.of(team.id(), SpaceRole.ADMIN, other.id(), SpaceRole.MEMBER));
    Principal viewer = f.person("v@example.com", AccountRole.MEMBER, Map.of(team.id(), SpaceRole.VIEWER));
    Principal outsider = f.person("o@example.com", AccountRole.MEMBER, Map.of());
    String target = outsider.user().id();

    Membership m = f.services.memberships().put(spaceAdmin, team.id(), target, SpaceRole.MEMBER);
    assertEquals(SpaceRole.MEMBER, m.role());
    assertEquals(SpaceRole.ADMIN, f.services.memberships().put(spaceAdmin, team.id(), target, SpaceRole.ADMIN).role());
    assertThrows(ForbiddenException.class,
        () -> f.services.memberships().put(spaceAdmin, other.id(), target, SpaceRole.VIEWER));
    assertThrows(ForbiddenException.class,
        () -> f.services.memberships().put(viewer, team.id(), target, SpaceRole.VIEWER));
    assertThrows(NotFoundException.class,
        () -> f.services.memberships().put(outsider, other.id(), target, SpaceRole.VIEWER));
    assertThrows(NotFoundException.class,
        () -> f.services.memberships().put(spaceAdmin, team.id(), "no-such-user", SpaceRole.VIEWER));
    assertThrows(ForbiddenException.class, () -> f.services.memberships().remove(viewer, team.id(), target));

    f.services.memberships().remove(spaceAdmin, team.id(), target);
    assertThrows(NotFoundException.class, () -> f.services.memberships().get(spaceAdmin, team.id(), target));
    assertThrows(NotFoundException.class, () -> f.services.memberships().remove(spaceAdmin, team.id(), target));
  }

  @Test
  void memberships_areListedOnlyForSpacesTheCallerCanView() {
    Principal viewer = f.person("v@example.com", AccountRole.MEMBER, Map.of(team.id(), SpaceRole.VIEWER));
    f.person("d@example.com", AccountRole.MEMBER, Map.of(Space.DEFAULT_ID, SpaceRole.MEMBER));

    List<Membership> seen = f.services.memberships().list(viewer, null, null, ALL).items();

    assertEquals(List.of(team.id()), seen.stream().map(Membership::spaceId).distinct().toList());
    assertTrue(f.services.memberships().list(viewer, Space.DEFAULT_ID, null, ALL).items().isEmpty());
    assertThrows(NotFoundException.class,
        () -> f.services.memberships().get(viewer, Space.DEFAULT_ID, viewer.user().id()));
  }

  // ---- API keys

  @Test
  void serviceKeys_getAServiceUserWithRolesNoHigherThanTheCreators() {
    Principal creator = f.person("c@example.com", AccountRole.MEMBER,
        Map.of(team.id(), SpaceRole.MEMBER, Space.DEFAULT_ID, SpaceRole.VIEWER));

    CreatedApiKey key = f.services.apiKeys().createServiceKey(creator, "ingest bot", "for CI", null,
        Map.of(team.id(), SpaceRole.MEMBER, Space.DEFAULT_ID, SpaceRole.VIEWER));

    assertEquals(ApiKey.Type.SERVICE, key.key().type());
    assertTrue(key.serviceUser().service());
    assertEquals(AccountRole.MEMBER, key.serviceUser().role());
    assertEquals(key.serviceUser().id(), key.key().userId());
    assertEquals(creator.user().id(), key.key().createdByUserId());
    assertEquals(2, key.serviceMemberships().size());
    Principal bot = f.auth().apiKey(key.secret());
    assertEquals(Map.of(team.id(), SpaceRole.MEMBER, Space.DEFAULT_ID, SpaceRole.VIEWER), bot.spaceRoles());
    assertThrows(UnauthenticatedException.class, () -> f.auth().login(key.serviceUser().email(), "", null));

    long usersBefore = f.services.users().list(Principal.local(), null, ALL).items().size();
    assertThrows(ForbiddenException.class, () -> f.services.apiKeys().createServiceKey(creator, "too much", null, null,
        Map.of(team.id(), SpaceRole.ADMIN)));
    Space hidden = f.store.spaces().create(AccessScope.unrestricted(), "hidden-" + System.nanoTime(),
        null);
    assertThrows(NotFoundException.class, () -> f.services.apiKeys().createServiceKey(creator, "elsewhere", null, null,
        Map.of(hidden.id(), SpaceRole.VIEWER)));
    assertEquals(usersBefore, f.services.users().list(Principal.local(), null, ALL).items().size());
  }

  @Test
  void keys_areVisibleToTheirOwnerTheServiceKeysCreator_andAccountAdmins() {
    Principal admin = f.admin("root@example.com");
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of(team.id(), SpaceRole.ADMIN));
    Principal bob = f.person("bob@example.com", AccountRole.MEMBER, Map.of(team.id(), SpaceRole.ADMIN));
    CreatedApiKey adaKey = f.services.apiKeys().createUserKey(ada, "ada", null, null);
    f.clock.advance(Duration.ofMillis(1));
    CreatedApiKey adaService = f.services.apiKeys().createServiceKey(ada, "svc", null, null,
        Map.of(team.id(), SpaceRole.VIEWER));
    f.clock.advance(Duration.ofMillis(1));
    CreatedApiKey bobKey = f.services.apiKeys().createUserKey(bob, "bob", null, null);

    assertEquals(List.of(adaKey.key().id(), adaService.key().id()),
        f.services.apiKeys().list(ada, null, ALL).items().stream().map(ApiKey::id).toList());
    assertEquals(3, f.services.apiKeys().list(admin, null, ALL).items().size());
    assertThrows(NotFoundException.class, () -> f.services.apiKeys().get(bob, adaKey.key().id()));
    assertThrows(NotFoundException.class, () -> f.services.apiKeys().revoke(bob, adaService.key().id()));
    assertThrows(NotFoundException.class, () -> f.services.apiKeys().refresh(bob, adaKey.key().id(), null, null));
    assertEquals(ApiKey.Status.REVOKED, f.services.apiKeys().revoke(admin, bobKey.key().id()).status());
    assertEquals(ApiKey.Status.REVOKED, f.services.apiKeys().revoke(ada, adaService.key().id()).status());
  }

  @Test
  void userKeys_needASignedInPerson_andAFutureExpiry() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of());

    ApiKeyService keys = f.services.apiKeys();
    assertThrows(ForbiddenException.class, () -> keys.createUserKey(Principal.local(), "k", null, null));
    assertThrows(InvalidInputException.class, () -> keys.createUserKey(ada, " ", null, null));
    assertThrows(UnprocessableException.class, () -> keys.createUserKey(ada, "k", null, f.clock.instant()));
    assertTrue(keys.list(ada, null, ALL).items().isEmpty());
  }

  // ---- audit

  @Test
  void auditLog_recordsTheActor_andOnlyAccountAdminsReadIt() {
    Principal admin = f.admin("root@example.com");
    Principal member = f.person("m@example.com", AccountRole.MEMBER, Map.of());
    f.services.audit().record(new Principal(member.user(), Map.of(), "key-9"), "10.0.0.7", "POST /v2/api-keys",
        "{\"name\":\"ci\"}");
    f.clock.advance(Duration.ofSeconds(1));
    f.services.audit().record(admin, null, "DELETE /v2/users/x", null);

    List<AuditEntry> entries = f.services.audit().list(admin, AuditQuery.all(), ALL).items();

    assertEquals(List.of("DELETE /v2/users/x", "POST /v2/api-keys"), entries.stream().map(AuditEntry::operation)
        .toList());
    assertEquals(member.user().id(), entries.get(1).userId());
    assertEquals("key-9", entries.get(1).apiKeyId());
    assertEquals("10.0.0.7", entries.get(1).ip());
    assertThrows(ForbiddenException.class, () -> f.services.audit().list(member, AuditQuery.all(), ALL));
    assertThrows(InvalidInputException.class, () -> f.services.audit().list(admin,
        new AuditQuery(f.clock.instant(), f.clock.instant(), null), ALL));
  }
}
