package dev.assay.auth;

import dev.assay.shared.ConflictException;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;

/**
 * Users for the API, the CLI and the UI. Account ADMINs manage everyone; a user may read and rename itself. Nobody
 * deletes itself or the last account admin (which would lock everyone out of user management).
 */
public final class UserService {

  private final AuthStore store;
  private final PasswordHasher hasher;

  public UserService(AuthStore store, PasswordHasher hasher) {
    if (store == null || hasher == null) {
      throw new NullPointerException("store and hasher are required");
    }
    this.store = store;
    this.hasher = hasher;
  }

  /** Users ordered by creation; {@code email} (when not null) keeps those whose email contains it. Account ADMIN. */
  public Page<User> list(Principal caller, String email, PageRequest page) {
    requireAccountAdmin(caller, "listing users");
    return store.listUsers(email == null || email.isBlank() ? null : Emails.normalize(email), page);
  }

  /**
   * Creates a user (account ADMIN). With {@code temporary} and no password, a temporary password is generated and
   * returned once; a temporary password must be changed at the first sign-in.
   *
   * @throws ConflictException when the email is taken
   * @throws InvalidInputException for a bad email, name, role or password
   */
  public CreatedUser create(Principal caller, NewUser user) {
    requireAccountAdmin(caller, "creating users");
    String email = Emails.require(user.email());
    String name = DisplayNames.require(user.name());
    if (user.role() == null) {
      throw new InvalidInputException("role must be ADMIN or MEMBER");
    }
    String temporary = null;
    String password = user.password();
    if (password == null && user.temporary()) {
      temporary = Tokens.newPassword();
      password = temporary;
    } else if (password != null) {
      PasswordHasher.requireAcceptable(password);
    }
    String hash = password == null ? null : hasher.hash(password);
    User created = store.createUser(email, name, user.role(), false, hash, password != null && user.temporary());
    return new CreatedUser(created, temporary);
  }

  /**
   * The user with that id: the caller itself, or anyone for an account ADMIN.
   *
   * @throws NotFoundException otherwise (no hint whether it exists)
   */
  public User get(Principal caller, String userId) {
    if (!caller.isAccountAdmin() && !caller.user().id().equals(userId)) {
      throw notFound(userId);
    }
    return store.findUser(userId == null ? "" : userId).orElseThrow(() -> notFound(userId));
  }

  /**
   * Renames a user and/or changes its account role (null leaves it). A user may rename itself; roles need an account
   * ADMIN, and demoting the last account admin is refused.
   *
   * @throws ConflictException when it would leave no account admin
   */
  public User update(Principal caller, String userId, String name, AccountRole role) {
    User current = get(caller, userId);
    if (role != null && role != current.role() && !caller.isAccountAdmin()) {
      throw new ForbiddenException("changing account roles needs the account ADMIN role");
    }
    if (name == null && (role == null || role == current.role())) {
      return current;
    }
    if (current.role() == AccountRole.ADMIN && role == AccountRole.MEMBER && !current.service()
        && store.countAccountAdmins() <= 1) {
      throw new ConflictException("'" + current.email() + "' is the last account admin");
    }
    return store.updateUser(current.id(), name == null ? null : DisplayNames.require(name), role);
  }

  /**
   * Deletes a user with its memberships and sessions, and revokes its API keys (account ADMIN).
   *
   * @throws ConflictException for the caller itself or the last account admin
   */
  public void delete(Principal caller, String userId) {
    requireAccountAdmin(caller, "deleting users");
    User user = get(caller, userId);
    if (caller.user() != null && caller.user().id().equals(user.id())) {
      throw new ConflictException("you cannot delete yourself");
    }
    if (user.role() == AccountRole.ADMIN && !user.service() && store.countAccountAdmins() <= 1) {
      throw new ConflictException("'" + user.email() + "' is the last account admin");
    }
    if (!store.deleteUser(user.id())) {
      throw notFound(userId);
    }
  }

  /**
   * Gives the user a new temporary password (returned once), signs it out everywhere, and makes it choose a new
   * password at the next sign-in (account ADMIN).
   */
  public String resetPassword(Principal caller, String userId) {
    requireAccountAdmin(caller, "resetting passwords");
    User user = get(caller, userId);
    if (user.service()) {
      throw new InvalidInputException("service accounts have no password");
    }
    String temporary = Tokens.newPassword();
    store.setPassword(user.id(), hasher.hash(temporary), true);
    store.deleteSessionsOf(user.id());
    return temporary;
  }

  static void requireAccountAdmin(Principal caller, String what) {
    if (!caller.isAccountAdmin()) {
      throw new ForbiddenException(what + " needs the account ADMIN role");
    }
  }

  private static NotFoundException notFound(String userId) {
    return new NotFoundException("user '" + userId + "' not found");
  }
}
