package dev.assay.server;

import dev.assay.audit.AuditService;
import dev.assay.auth.ApiKeyService;
import dev.assay.auth.AuthService;
import dev.assay.auth.MembershipService;
import dev.assay.auth.UserService;
import dev.assay.spaces.SpaceService;
import dev.assay.store.JdbcStore;
import java.time.Clock;

/**
 * The account services over one store: sign-in and credentials ({@link AuthService}, also the access check's
 * authenticator), users, API keys, space memberships and the audit log. Built whether or not authentication is on:
 * in local mode the audit log still records administrative calls (by the local user).
 */
record AuthServices(AuthService auth, UserService users, ApiKeyService apiKeys, MembershipService memberships,
    AuditService audit) {

  static AuthServices of(JdbcStore store, SpaceService spaces, Clock clock) {
    return new AuthServices(new AuthService(store.auth(), clock), new UserService(store.auth(), clock),
        new ApiKeyService(store.auth(), spaces, clock), new MembershipService(store.auth(), spaces, clock),
        new AuditService(store.audit(), clock));
  }
}
