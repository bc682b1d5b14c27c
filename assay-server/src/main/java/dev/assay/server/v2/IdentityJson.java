package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.assay.audit.AuditEntry;
import dev.assay.auth.ApiKey;
import dev.assay.auth.Membership;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.server.auth.AuthJson.UserJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The identity and access resources as AX's REST v2 shows them: {@code CreateUserResponse}, {@code ApiKey} and its
 * created forms, {@code Role}, {@code RoleBinding}, {@code SpaceMembership} and {@code AuditLog}; {@code User} is
 * {@link UserJson}, shared with /auth. Secrets appear only in the two creation answers ({@code key},
 * {@code temporary_password}).
 */
final class IdentityJson {
  static final String USER = "User";
  static final String API_KEY = "ApiKey";
  static final String ROLE_BINDING = "RoleBinding";
  static final String AUDIT_LOG = "AuditLog";
  static final String ORGANIZATION = "Organization";
  /** Assay has one implicit organization; AX's service keys and role answers name it by this id. */
  static final String ORG_ID = ApiIds.encode(ORGANIZATION, "default");

  private IdentityJson() {}

  /** AX's predefined role assignment: {@code {"type": "PREDEFINED", "name": "MEMBER"}}. */
  record RoleAssignment(String type, String name) {
    static RoleAssignment of(String name) {
      return new RoleAssignment("PREDEFINED", name);
    }

    static RoleAssignment of(SpaceRole role) {
      return of(role.axName());
    }
  }

  /** AX's {@code CreateUserResponse}: the user, the invite mode, and the temporary password once. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreatedUserJson(@JsonUnwrapped UserJson user, String inviteMode, String temporaryPassword) {}

  record UserList(List<UserJson> users, Pagination pagination) {}

  /** AX's {@code ApiKey} plus Assay's {@code user_id}: whom the key authenticates as. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ApiKeyJson(String id, String name, String description, String keyType, String status, String redactedKey,
      Instant createdAt, Instant expiresAt, String createdByUserId, Instant lastUsedAt, String userId) {
    static ApiKeyJson of(ApiKey k) {
      return new ApiKeyJson(ApiIds.encode(API_KEY, k.id()), k.name(), blankToNull(k.description()), k.type().name(),
          k.status().name(), k.redacted(), k.createdAt(), k.expiresAt(), userApiId(k.createdByUserId()), k.lastUsedAt(),
          userApiId(k.userId()));
    }
  }

  /**
   * AX's {@code UserApiKeyCreated} / {@code ServiceApiKeyCreated} and {@code RefreshApiKeyResponse}: the key's
   * metadata and the key itself, shown this once; {@code bot_user} for a new service key only.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ApiKeyCreatedJson(@JsonUnwrapped ApiKeyJson apiKey, String key, BotUser botUser) {}

  record ApiKeyList(List<ApiKeyJson> apiKeys, Pagination pagination) {}

  /** AX's {@code ServiceKeyBotUser}: the service account and the roles it was given. */
  record BotUser(String id, String name, RoleAssignment accountRole, List<BotOrganization> organizations) {
    static BotUser of(User service, Map<String, SpaceRole> spaces) {
      List<BotSpace> bound = spaces.entrySet().stream()
          .map(e -> new BotSpace(ApiIds.encode(SpaceController.TYPE, e.getKey()), RoleAssignment.of(e.getValue())))
          .toList();
      return new BotUser(userApiId(service.id()), service.name(), RoleAssignment.of(service.role().name()),
          List.of(new BotOrganization(ORG_ID, RoleAssignment.of("READ_ONLY"), bound)));
    }
  }

  record BotOrganization(String orgId, RoleAssignment role, List<BotSpace> spaces) {}

  record BotSpace(String spaceId, RoleAssignment role) {}

  /** AX's {@code Role}. */
  record RoleJson(String id, String name, String description, List<String> permissions,
      @JsonProperty("is_predefined") boolean isPredefined, Instant createdAt, Instant updatedAt) {}

  record RoleList(List<RoleJson> roles, Pagination pagination) {}

  /** AX's {@code RoleBinding}: a space membership (Assay has no project bindings). */
  record RoleBindingJson(String id, String roleId, String userId, String resourceType, String resourceId,
      Instant createdAt, Instant updatedAt) {
    static RoleBindingJson of(Membership m) {
      return new RoleBindingJson(bindingId(m), PredefinedRoles.id(m.role()), userApiId(m.userId()), "SPACE",
          ApiIds.encode(SpaceController.TYPE, m.spaceId()), m.createdAt(), m.updatedAt());
    }
  }

  record RoleBindingList(List<RoleBindingJson> roleBindings, Pagination pagination) {}

  /** AX's {@code SpaceMembership}. */
  record SpaceMembershipJson(String id, String userId, String spaceId, RoleAssignment role) {
    static SpaceMembershipJson of(Membership m) {
      return new SpaceMembershipJson(bindingId(m), userApiId(m.userId()), ApiIds.encode(SpaceController.TYPE, m.spaceId()),
          RoleAssignment.of(m.role()));
    }
  }

  /** Assay's member list entry: the membership with its user, for the members page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SpaceMemberJson(@JsonUnwrapped SpaceMembershipJson membership, UserJson user, Instant createdAt,
      Instant updatedAt) {}

  record SpaceMemberList(List<SpaceMemberJson> users, Pagination pagination) {}

  /**
   * AX's {@code AuditLog}; every Assay entry is a REST mutation. {@code operation_text} is the request body with
   * secrets redacted. {@code api_key_id} (Assay's) names the key the change was made with.
   */
  record AuditLogJson(String id, String userId, String ip, String operationType, String operationName,
      String operationText, String variables, Instant createdAt, String apiKeyId) {
    static AuditLogJson of(AuditEntry e) {
      return new AuditLogJson(ApiIds.encode(AUDIT_LOG, e.id()), userApiId(e.userId()), e.ip() == null ? "" : e.ip(),
          "MUTATION", e.operation(), e.text(), null, e.at(),
          e.apiKeyId() == null ? null : ApiIds.encode(API_KEY, e.apiKeyId()));
    }
  }

  record AuditLogList(List<AuditLogJson> logs, Pagination pagination) {}

  /** {@code POST /v2/users/{user_id}/reset-password}: Assay has no mail server, so the password comes back. */
  record ResetPasswordJson(String temporaryPassword) {}

  static String userApiId(String id) {
    return id == null ? null : ApiIds.encode(USER, id);
  }

  /** A binding's id: the space and the user, as Assay keeps one role per user and space. */
  static String bindingId(Membership m) {
    return ApiIds.encode(ROLE_BINDING, m.spaceId() + ":" + m.userId());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
