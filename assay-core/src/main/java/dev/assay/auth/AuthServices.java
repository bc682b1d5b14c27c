package dev.assay.auth;

import dev.assay.audit.AuditService;
import dev.assay.store.Store;
import java.time.Clock;

/** The authentication services over one store, built together because they share the store and the hasher. */
public record AuthServices(AuthService auth, UserService users, ApiKeyService apiKeys, MembershipService memberships,
    AuditService audit) {

  public static AuthServices create(Store store, Clock clock) {
    PasswordHasher hasher = new PasswordHasher();
    MembershipService memberships = new MembershipService(store.auth(), store.spaces());
    ApiKeyService apiKeys = new ApiKeyService(store.auth(), memberships, clock);
    return new AuthServices(new AuthService(store.auth(), memberships, apiKeys, hasher, clock),
        new UserService(store.auth(), hasher), apiKeys, memberships, new AuditService(store.audit(), clock));
  }
}
