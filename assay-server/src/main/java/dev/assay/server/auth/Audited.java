package dev.assay.server.auth;

import io.javalin.security.RouteRole;

/**
 * Marks a route whose successful calls go to the audit log (administrative actions: keys, users, roles,
 * deletes, model configs, webhooks), given beside its {@link Access}: {@code delete(handler, Access.MEMBER,
 * Audited.YES)}.
 */
public enum Audited implements RouteRole { YES }
