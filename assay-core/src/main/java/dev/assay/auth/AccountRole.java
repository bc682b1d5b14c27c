package dev.assay.auth;

/**
 * A user's account-wide role. ADMIN manages users, creates spaces, reads the audit log and holds ADMIN in
 * every space; MEMBER has only the roles its space memberships give (AX's {@code UserRole} without ANNOTATOR).
 */
public enum AccountRole { ADMIN, MEMBER }
