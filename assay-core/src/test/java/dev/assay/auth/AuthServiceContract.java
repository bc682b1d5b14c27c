package dev.assay.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.ConflictException;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.UnauthenticatedException;
import dev.assay.shared.UnprocessableException;
import dev.assay.spaces.Space;
import dev.assay.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuthService} over a real store: logins, lockout, keys, sessions, setup and bootstrap. */
abstract class AuthServiceContract {
  private static final String PASSWORD = AuthFixture.PASSWORD;
  private AuthFixture f;

  protected abstract Database database();

  @BeforeEach
  void setUp() {
    f = new AuthFixture(database());
  }

  @Test
  void login_opensASessionWithTheUsersRoles_ignoringEmailCase() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of(Space.DEFAULT_ID, SpaceRole.MEMBER));

    Authenticator.Login login = f.auth().login("  Ada@Example.COM ", PASSWORD, "10.0.0.1");

    assertEquals(ada.user().id(), login.session().principal().user().id());
    assertEquals(Map.of(Space.DEFAULT_ID, SpaceRole.MEMBER), login.session().principal().spaceRoles());
    assertEquals(f.clock.instant().plus(Duration.ofHours(12)), login.session().expiresAt());
    assertEquals(Tokens.csrfToken(login.sessionToken()), login.session().csrfToken());
    assertFalse(login.toString().contains(login.sessionToken()));
    assertFalse(login.toString().contains(login.session().csrfToken()));
    Session again = f.auth().session(login.sessionToken());
    assertEquals(ada.user().id(), again.principal().user().id());
    assertEquals(login.session().csrfToken(), again.csrfToken());
  }

  @Test
  void login_refusesAWrongPasswordOrUnknownEmail_withTheSameMessage() {
    f.person("bob@example.com", AccountRole.MEMBER, Map.of());

    var wrong = assertThrows(UnauthenticatedException.class,
        () -> f.auth().login("bob@example.com", "not the password", null));
    var unknown = assertThrows(UnauthenticatedException.class,
        () -> f.auth().login("nobody@example.com", PASSWORD, null));

    assertEquals(wrong.getMessage(), unknown.getMessage());
    assertThrows(UnauthenticatedException.class, () -> f.auth().login(null, PASSWORD, null));
    assertThrows(UnauthenticatedException.class, () -> f.auth().login("bob@example.com", null, null));
  }

  @Test
  void login_afterFiveFailuresInFifteenMinutes_isRefusedEvenWithTheRightPassword_untilTheWindowPasses() {
    f.person("carol@example.com", AccountRole.MEMBER, Map.of());
    for (int i = 0; i < 5; i++) {
      assertThrows(UnauthenticatedException.class, () -> f.auth().login("carol@example.com", "wrong password!", null));
      f.clock.advance(Duration.ofMinutes(1));
    }

    assertThrows(UnauthenticatedException.class, () -> f.auth().login("carol@example.com", PASSWORD, null));
    assertThrows(UnauthenticatedException.class, () -> f.auth().cliToken("carol@example.com", PASSWORD, null, null));
    f.clock.advance(Duration.ofMinutes(11)); // the first failure is now 16 minutes old: four remain in the window

    assertEquals("carol@example.com", f.auth().login("carol@example.com", PASSWORD, null).session().principal()
        .user().email());
  }

  @Test
  void successfulLogin_forgetsEarlierFailures() {
    f.person("dan@example.com", AccountRole.MEMBER, Map.of());
    for (int i = 0; i < 4; i++) {
      assertThrows(UnauthenticatedException.class, () -> f.auth().login("dan@example.com", "wrong password!", null));
    }
    f.auth().login("dan@example.com", PASSWORD, null);

    for (int i = 0; i < 4; i++) {
      assertThrows(UnauthenticatedException.class, () -> f.auth().login("dan@example.com", "wrong password!", null));
    }
    f.auth().login("dan@example.com", PASSWORD, null);
  }

  @Test
  void session_expiresAfterTwelveHours_andLogoutEndsIt() {
    f.person("eve@example.com", AccountRole.MEMBER, Map.of());
    String token = f.auth().login("eve@example.com", PASSWORD, null).sessionToken();
    String other = f.auth().login("eve@example.com", PASSWORD, null).sessionToken();

    f.auth().logout(other);
    assertThrows(UnauthenticatedException.class, () -> f.auth().session(other));
    f.clock.advance(Duration.ofHours(12).minusSeconds(1));
    f.auth().session(token);
    f.clock.advance(Duration.ofSeconds(1));

    assertThrows(UnauthenticatedException.class, () -> f.auth().session(token));
    assertThrows(UnauthenticatedException.class, () -> f.auth().session("made-up"));
    assertThrows(UnauthenticatedException.class, () -> f.auth().session(null));
    f.auth().logout("made-up");
  }

  @Test
  void apiKey_authenticatesAsItsUser_andRecordsUseAtMostOnceAMinute() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of(Space.DEFAULT_ID, SpaceRole.VIEWER));
    CreatedApiKey created = f.services.apiKeys().createUserKey(ada, "laptop", null, null);

    Principal p = f.auth().apiKey(created.secret());

    assertEquals(ada.user().id(), p.user().id());
    assertEquals(created.key().id(), p.apiKeyId());
    assertEquals(Map.of(Space.DEFAULT_ID, SpaceRole.VIEWER), p.spaceRoles());
    Instant firstUse = f.clock.instant();
    assertEquals(firstUse, f.store.auth().findApiKey(created.key().id()).orElseThrow().lastUsedAt());
    f.clock.advance(Duration.ofSeconds(59));
    f.auth().apiKey(created.secret());
    assertEquals(firstUse, f.store.auth().findApiKey(created.key().id()).orElseThrow().lastUsedAt());
    f.clock.advance(Duration.ofSeconds(2));
    f.auth().apiKey(created.secret());
    assertEquals(f.clock.instant(), f.store.auth().findApiKey(created.key().id()).orElseThrow().lastUsedAt());
  }

  @Test
  void apiKey_refusesUnknownMalformedExpiredAndRevokedKeys() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of());
    CreatedApiKey expiring = f.services.apiKeys().createUserKey(ada, "short", null,
        f.clock.instant().plus(Duration.ofHours(1)));
    CreatedApiKey revoked = f.services.apiKeys().createUserKey(ada, "revoked", null, null);
    f.services.apiKeys().revoke(ada, revoked.key().id());

    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(revoked.secret()));
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(Tokens.newApiKey()));
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey("not-a-key"));
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(null));
    f.auth().apiKey(expiring.secret());
    f.clock.advance(Duration.ofHours(1));
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(expiring.secret()));
  }

  @Test
  void apiKey_ofADeletedUser_isRefused() {
    Principal admin = f.admin("root@example.com");
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of());
    CreatedApiKey key = f.services.apiKeys().createUserKey(ada, "k", null, null);

    f.services.users().delete(admin, ada.user().id());

    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(key.secret()));
  }

  @Test
  void refresh_issuesANewSecretForTheSameKey_andTheOldOneWorksOnlyDuringTheGracePeriod() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of());
    CreatedApiKey original = f.services.apiKeys().createUserKey(ada, "ci", null, null);

    CreatedApiKey refreshed = f.services.apiKeys().refresh(ada, original.key().id(), null, Duration.ofMinutes(5));

    assertEquals(original.key().id(), refreshed.key().id());
    assertNotEquals(original.secret(), refreshed.secret());
    assertEquals(Tokens.redact(refreshed.secret()), refreshed.key().redacted());
    assertFalse(refreshed.toString().contains(refreshed.secret()));
    assertEquals(original.key().id(), f.auth().apiKey(original.secret()).apiKeyId());
    assertEquals(original.key().id(), f.auth().apiKey(refreshed.secret()).apiKeyId());
    f.clock.advance(Duration.ofMinutes(5));
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(original.secret()));
    f.auth().apiKey(refreshed.secret());

    CreatedApiKey again = f.services.apiKeys().refresh(ada, original.key().id(), null, null);
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(refreshed.secret()));
    f.auth().apiKey(again.secret());
  }

  @Test
  void refresh_neverExtendsALifetime_andTheGraceStopsAtTheOldExpiry() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of());
    Instant expiry = f.clock.instant().plus(Duration.ofMinutes(3));
    CreatedApiKey key = f.services.apiKeys().createUserKey(ada, "short", null, expiry);
    String id = key.key().id();

    ApiKeyService keys = f.services.apiKeys();
    assertThrows(UnprocessableException.class, () -> keys.refresh(ada, id, null, null));
    assertThrows(UnprocessableException.class, () -> keys.refresh(ada, id, expiry.plusSeconds(1), null));
    assertThrows(UnprocessableException.class, () -> keys.refresh(ada, id, expiry, Duration.ofHours(25)));
    assertThrows(UnprocessableException.class, () -> keys.refresh(ada, id, expiry, Duration.ofSeconds(-1)));
    f.auth().apiKey(key.secret()); // the refused refreshes changed nothing

    keys.refresh(ada, id, expiry, Duration.ofHours(1));
    f.clock.advance(Duration.ofMinutes(3));
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(key.secret()));
  }

  @Test
  void refresh_ofARevokedKey_isAConflict_andRevokeEndsTheGraceToo() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of());
    CreatedApiKey key = f.services.apiKeys().createUserKey(ada, "k", null, null);
    CreatedApiKey refreshed = f.services.apiKeys().refresh(ada, key.key().id(), null, Duration.ofHours(1));

    f.services.apiKeys().revoke(ada, key.key().id());

    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(key.secret()));
    assertThrows(UnauthenticatedException.class, () -> f.auth().apiKey(refreshed.secret()));
    assertThrows(ConflictException.class, () -> f.services.apiKeys().refresh(ada, key.key().id(), null, null));
  }

  @Test
  void setupToken_isWrittenOwnerOnly_andConsumedOnce(@TempDir Path dir) throws IOException {
    assertTrue(f.auth().setupRequired());
    Path file = f.auth().writeSetupToken(dir).orElseThrow();
    String token = Files.readString(file).strip();

    assertEquals(dir.resolve("setup-token"), file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertThrows(UnauthenticatedException.class,
        () -> f.auth().setup("wrong-token", "root@example.com", "Root", PASSWORD));
    assertTrue(f.auth().setupRequired());

    Authenticator.Login login = f.auth().setup(token, "Root@Example.com", "Root", PASSWORD);

    assertEquals(AccountRole.ADMIN, login.session().principal().user().role());
    assertEquals("root@example.com", login.session().principal().user().email());
    assertFalse(f.auth().setupRequired());
    assertFalse(Files.exists(file));
    assertThrows(ConflictException.class, () -> f.auth().setup(token, "two@example.com", "Two", PASSWORD));
    Files.writeString(file, "stale token from an earlier start");
    assertTrue(f.auth().writeSetupToken(dir).isEmpty());
    assertFalse(Files.exists(file));
  }

  @Test
  void setup_validatesBeforeCreatingAnything(@TempDir Path dir) throws IOException {
    String token = Files.readString(f.auth().writeSetupToken(dir).orElseThrow()).strip();

    assertThrows(InvalidInputException.class, () -> f.auth().setup(token, "root@example.com", "Root", "short"));
    assertThrows(InvalidInputException.class, () -> f.auth().setup(token, "not-an-email", "Root", PASSWORD));

    assertTrue(f.auth().setupRequired());
    f.auth().setup(token, "root@example.com", "Root", PASSWORD);
  }

  @Test
  void setup_withoutAWrittenToken_isRefused() {
    assertThrows(UnauthenticatedException.class, () -> f.auth().setup("", "root@example.com", "Root", PASSWORD));
    assertThrows(UnauthenticatedException.class, () -> f.auth().setup(null, "root@example.com", "Root", PASSWORD));
  }

  @Test
  void bootstrapAdmin_createsTheFirstAdminOnce(@TempDir Path dir) {
    Path file = f.auth().writeSetupToken(dir).orElseThrow();

    f.auth().bootstrapAdmin("Admin@Example.com", PASSWORD);
    f.auth().bootstrapAdmin("second@example.com", PASSWORD);

    assertFalse(Files.exists(file));
    assertFalse(f.auth().setupRequired());
    Principal admin = f.auth().login("admin@example.com", PASSWORD, null).session().principal();
    assertTrue(admin.isAccountAdmin());
    assertThrows(UnauthenticatedException.class, () -> f.auth().login("second@example.com", PASSWORD, null));
  }

  @Test
  void changePassword_checksTheCurrentOne_andClearsMustChange() {
    Principal admin = f.admin("root@example.com");
    CreatedUser temp = f.services.users().create(admin,
        new NewUser("Tess", "tess@example.com", AccountRole.MEMBER, null, true));
    assertTrue(temp.user().mustChangePassword());
    assertFalse(temp.toString().contains(temp.temporaryPassword()));
    Principal tess = f.auth().login("tess@example.com", temp.temporaryPassword(), null).session().principal();
    assertThrows(ForbiddenException.class, () -> f.auth().cliToken("tess@example.com", temp.temporaryPassword(), null,
        null));

    assertThrows(ForbiddenException.class, () -> f.auth().changePassword(tess, "wrong current pw", PASSWORD));
    assertThrows(InvalidInputException.class, () -> f.auth().changePassword(tess, temp.temporaryPassword(), "short"));
    f.auth().changePassword(tess, temp.temporaryPassword(), "a brand new password");

    assertFalse(f.auth().login("tess@example.com", "a brand new password", null).session().principal().user()
        .mustChangePassword());
    assertThrows(UnauthenticatedException.class,
        () -> f.auth().login("tess@example.com", temp.temporaryPassword(), null));
    assertThrows(ForbiddenException.class, () -> f.auth().changePassword(Principal.local(), "x", PASSWORD));
  }

  @Test
  void cliToken_issuesAThirtyDayUserKey() {
    Principal ada = f.person("ada@example.com", AccountRole.MEMBER, Map.of(Space.DEFAULT_ID, SpaceRole.MEMBER));

    CreatedApiKey key = f.auth().cliToken("ada@example.com", PASSWORD, null, "127.0.0.1");

    assertEquals("assay-cli", key.key().name());
    assertEquals(ApiKey.Type.USER, key.key().type());
    assertEquals(ada.user().id(), key.key().userId());
    assertEquals(f.clock.instant().plus(Duration.ofDays(30)), key.key().expiresAt());
    assertNull(key.serviceUser());
    assertEquals(ada.user().id(), f.auth().apiKey(key.secret()).user().id());
    assertEquals("my-laptop", f.auth().cliToken("ada@example.com", PASSWORD, "my-laptop", null).key().name());
    assertThrows(UnauthenticatedException.class, () -> f.auth().cliToken("ada@example.com", "wrong pass!", null, null));
  }
}
