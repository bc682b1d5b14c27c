package dev.assay.auth;

import dev.assay.store.Database;
import dev.assay.store.JdbcStore;
import dev.assay.testing.MutableClock;
import java.time.Instant;
import java.util.Map;

/** The auth services over a real store with a settable clock, plus shortcuts to make users. */
final class AuthFixture {
  static final String PASSWORD = "correct horse battery staple";

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  final JdbcStore store;
  final AuthServices services;

  AuthFixture(Database database) {
    this.store = new JdbcStore(database, clock);
    this.services = AuthServices.create(store, clock);
  }

  AuthService auth() {
    return services.auth();
  }

  /** A person with {@link #PASSWORD}, signed in as a principal with its memberships. */
  Principal person(String email, AccountRole role, Map<String, SpaceRole> spaces) {
    User user = services.users().create(Principal.local(), new NewUser(email, email, role, PASSWORD, false)).user();
    spaces.forEach((space, spaceRole) -> services.memberships().put(Principal.local(), space, user.id(), spaceRole));
    return services.auth().principalOf(user, null);
  }

  Principal admin(String email) {
    return person(email, AccountRole.ADMIN, Map.of());
  }
}
