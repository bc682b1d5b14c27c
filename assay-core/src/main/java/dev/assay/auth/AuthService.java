package dev.assay.auth;

import dev.assay.shared.ConflictException;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.UnauthenticatedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authentication: API keys, login sessions, the first account admin (from configuration or the one-time setup
 * token), password changes and the CLI's sign-in. Every refusal is an {@link UnauthenticatedException} whose
 * message does not say which part was wrong.
 */
public final class AuthService implements Authenticator {
  public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
  public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
  public static final int MAX_FAILURES = 5;
  public static final Duration CLI_TOKEN_LIFETIME = Duration.ofDays(30);
  public static final String SETUP_TOKEN_FILE = "setup-token";
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
  private static final String BAD_LOGIN = "invalid email or password";
  private static final String BAD_KEY = "invalid, expired or revoked API key";
  private static final String BAD_SESSION = "not signed in or the session has expired";

  private final AuthStore store;
  private final MembershipService memberships;
  private final ApiKeyService apiKeys;
  private final PasswordHasher hasher;
  private final Clock clock;
  // Verified against when the email is unknown, so an unknown email takes as long as a wrong password.
  private final String dummyHash;
  private final Object setupLock = new Object();
  private String setupTokenHash;
  private Path setupTokenFile;

  public AuthService(AuthStore store, MembershipService memberships, ApiKeyService apiKeys, PasswordHasher hasher,
      Clock clock) {
    if (store == null || memberships == null || apiKeys == null || hasher == null || clock == null) {
      throw new NullPointerException("store, memberships, apiKeys, hasher and clock are required");
    }
    this.store = store;
    this.memberships = memberships;
    this.apiKeys = apiKeys;
    this.hasher = hasher;
    this.clock = clock;
    this.dummyHash = hasher.hash(Tokens.newToken());
  }

  @Override
  public Principal apiKey(String key) {
    if (key == null || !key.startsWith(Tokens.API_KEY_PREFIX) || key.length() > 200) {
      throw new UnauthenticatedException(BAD_KEY);
    }
    Instant now = clock.instant();
    AuthStore.KeyMatch match = store.findApiKeyBySecretHash(Tokens.sha256(key), now)
        .orElseThrow(() -> new UnauthenticatedException(BAD_KEY));
    ApiKey found = match.key();
    if (found.status() != ApiKey.Status.ACTIVE || (match.validUntil() != null && !match.validUntil().isAfter(now))) {
      throw new UnauthenticatedException(BAD_KEY);
    }
    User user = store.findUser(found.userId()).orElseThrow(() -> new UnauthenticatedException(BAD_KEY));
    // One write a minute at most per key: last_used_at is for people, not an access log.
    if (found.lastUsedAt() == null || !found.lastUsedAt().plus(LAST_USED_RESOLUTION).isAfter(now)) {
      store.touchApiKey(found.id(), now);
    }
    return principalOf(user, found.id());
  }

  @Override
  public Session session(String sessionToken) {
    if (sessionToken == null || sessionToken.isBlank() || sessionToken.length() > 200) {
      throw new UnauthenticatedException(BAD_SESSION);
    }
    String hash = Tokens.sha256(sessionToken);
    AuthStore.StoredSession stored = store.findSession(hash)
        .orElseThrow(() -> new UnauthenticatedException(BAD_SESSION));
    if (!stored.expiresAt().isAfter(clock.instant())) {
      store.deleteSession(hash);
      throw new UnauthenticatedException(BAD_SESSION);
    }
    User user = store.findUser(stored.userId()).orElseThrow(() -> new UnauthenticatedException(BAD_SESSION));
    return new Session(principalOf(user, null), Tokens.csrfToken(sessionToken), stored.expiresAt());
  }

  @Override
  public Login login(String email, String password, String ip) {
    return openSession(checkPassword(email, password, ip));
  }

  @Override
  public void logout(String sessionToken) {
    if (sessionToken != null && !sessionToken.isBlank()) {
      store.deleteSession(Tokens.sha256(sessionToken));
    }
  }

  @Override
  public boolean setupRequired() {
    return !store.hasUsers();
  }

  @Override
  public Login setup(String setupToken, String email, String name, String password) {
    synchronized (setupLock) {
      if (!setupRequired()) {
        throw new ConflictException("setup is already done: an account exists");
      }
      if (setupTokenHash == null || setupToken == null || !Tokens.same(setupTokenHash, Tokens.sha256(setupToken))) {
        throw new UnauthenticatedException("invalid setup token");
      }
      User admin = createAdmin(email, name, password);
      consumeSetupToken();
      return openSession(admin);
    }
  }

  /** Creates the first account admin from configuration (ASSAY_ADMIN_EMAIL/PASSWORD); a no-op when a user exists. */
  public void bootstrapAdmin(String email, String password) {
    synchronized (setupLock) {
      if (!setupRequired()) {
        return;
      }
      String normalized = Emails.require(email);
      createAdmin(normalized, normalized.substring(0, normalized.indexOf('@')), password);
      consumeSetupToken();
    }
  }

  /**
   * When no user exists, writes a new random setup token to {@code <workingDir>/setup-token} (owner read/write only)
   * and returns the path; the token itself is kept only as a hash. Empty when setup is not required (a file left by an
   * earlier start is then deleted: it no longer grants anything).
   */
  public Optional<Path> writeSetupToken(Path workingDir) {
    synchronized (setupLock) {
      Path file = workingDir.resolve(SETUP_TOKEN_FILE);
      if (!setupRequired()) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // Harmless: without its hash in memory the old token is refused.
        }
        return Optional.empty();
      }
      String token = Tokens.newToken();
      try {
        Files.createDirectories(workingDir);
        Files.deleteIfExists(file);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the setup token to " + file, e);
      }
      setupTokenHash = Tokens.sha256(token);
      setupTokenFile = file;
      return Optional.of(file);
    }
  }

  /**
   * Replaces the caller's password after checking the current one; clears "must change password".
   *
   * @throws ForbiddenException in local mode, for a service account, or when {@code current} is wrong
   */
  public void changePassword(Principal caller, String current, String next) {
    if (caller.isLocal() || caller.user().service()) {
      throw new ForbiddenException("only a signed-in person has a password");
    }
    String userId = caller.user().id();
    String hash = store.passwordHash(userId).orElse(null);
    if (hash == null || !hasher.verify(current, hash)) {
      throw new ForbiddenException("the current password is wrong");
    }
    PasswordHasher.requireAcceptable(next);
    store.setPassword(userId, hasher.hash(next), false);
  }

  /**
   * Checks email and password like {@link #login} and issues a USER key for the CLI ({@code name}, default
   * {@code assay-cli}), valid for 30 days.
   *
   * @throws ForbiddenException while the user must change its password (do that in the browser first)
   */
  public CreatedApiKey cliToken(String email, String password, String name, String ip) {
    User user = checkPassword(email, password, ip);
    if (user.mustChangePassword()) {
      throw new ForbiddenException("change your password first (sign in to the web UI)");
    }
    return apiKeys.issueUserKey(user, name == null || name.isBlank() ? "assay-cli" : name,
        clock.instant().plus(CLI_TOKEN_LIFETIME));
  }

  /** The principal of a user: the user and its role in each space. */
  public Principal principalOf(User user, String apiKeyId) {
    return new Principal(user, memberships.rolesOf(user.id()), apiKeyId);
  }

  private User checkPassword(String email, String password, String ip) {
    String normalized = Emails.normalize(email);
    if (normalized == null || normalized.isEmpty() || normalized.length() > 320 || password == null) {
      throw new UnauthenticatedException(BAD_LOGIN);
    }
    Instant now = clock.instant();
    if (store.countLoginFailures(normalized, now.minus(FAILURE_WINDOW)) >= MAX_FAILURES) {
      throw new UnauthenticatedException(BAD_LOGIN);
    }
    User user = store.findUserByEmail(normalized).filter(u -> !u.service()).orElse(null);
    String hash = user == null ? null : store.passwordHash(user.id()).orElse(null);
    boolean ok = hasher.verify(password, hash == null ? dummyHash : hash) && hash != null;
    if (!ok) {
      store.recordLoginFailure(normalized, ip, now);
      throw new UnauthenticatedException(BAD_LOGIN);
    }
    store.clearLoginFailures(normalized, now.minus(FAILURE_WINDOW));
    return user;
  }

  private Login openSession(User user) {
    Instant now = clock.instant();
    store.deleteExpiredSessions(now);
    String token = Tokens.newToken();
    Instant expiresAt = now.plus(SESSION_LIFETIME);
    store.createSession(Tokens.sha256(token), user.id(), expiresAt);
    return new Login(token, new Session(principalOf(user, null), Tokens.csrfToken(token), expiresAt));
  }

  private User createAdmin(String email, String name, String password) {
    String validEmail = Emails.require(email);
    PasswordHasher.requireAcceptable(password);
    return store.createUser(validEmail, DisplayNames.require(name), AccountRole.ADMIN, false, hasher.hash(password),
        false);
  }

  private void consumeSetupToken() {
    setupTokenHash = null;
    if (setupTokenFile != null) {
      try {
        Files.deleteIfExists(setupTokenFile);
      } catch (IOException e) {
        // The token is already unusable (its hash is gone); a stale file only confuses, it grants nothing.
      }
      setupTokenFile = null;
    }
  }
}
