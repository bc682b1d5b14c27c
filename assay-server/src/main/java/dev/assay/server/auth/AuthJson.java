package dev.assay.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.assay.auth.ApiKey;
import dev.assay.auth.User;
import dev.assay.server.v2.ApiIds;
import java.time.Instant;
import java.util.List;

/** The JSON of the /auth endpoints; users and API keys have AX's shapes ({@code User}, {@code ApiKey}). */
public final class AuthJson {
  public static final String USER_TYPE = "User";
  public static final String API_KEY_TYPE = "ApiKey";

  private AuthJson() {}

  /** AX's {@code UserRoleAssignment}: Assay has only the predefined account roles. */
  public record RoleJson(String type, String name) {}

  /** AX's {@code User} plus {@code is_service} and {@code must_change_password}. Never a password or its hash. */
  public record UserJson(String id, String name, String email, Instant createdAt, String status, RoleJson role,
      @JsonProperty("is_developer") boolean isDeveloper, @JsonProperty("is_service") boolean isService,
      boolean mustChangePassword) {
    public static UserJson of(User u) {
      return new UserJson(ApiIds.encode(USER_TYPE, u.id()), u.name(), u.email(), u.createdAt(), "ACTIVE",
          new RoleJson("PREDEFINED", u.role().name()), true, u.service(), u.mustChangePassword());
    }
  }

  /** AX's {@code ApiKey}: the display form {@code redacted_key}, never the key or its hash. */
  public record ApiKeyJson(String id, String name, String description, String keyType, String status,
      String redactedKey, Instant createdAt, Instant expiresAt, String createdByUserId, Instant lastUsedAt) {
    public static ApiKeyJson of(ApiKey k) {
      return new ApiKeyJson(ApiIds.encode(API_KEY_TYPE, k.id()), k.name(), k.description(), k.type().name(),
          k.status().name(), k.redacted(), k.createdAt(), k.expiresAt(),
          k.createdByUserId() == null ? null : ApiIds.encode(USER_TYPE, k.createdByUserId()), k.lastUsedAt());
    }
  }

  /** {@code GET /auth/status}. */
  public record Status(boolean authEnabled, boolean setupRequired) {}

  /** The answer of login and setup: the session's cookie is set beside it. */
  public record LoginJson(UserJson user, String csrfToken, Instant expiresAt, boolean mustChangePassword) {}

  /** One of the caller's spaces in {@code GET /auth/me}. */
  public record SpaceRoleJson(String spaceId, String spaceName, String role) {}

  /** {@code GET /auth/me}. */
  public record Me(boolean authEnabled, UserJson user, String via, String apiKeyId, String csrfToken,
      List<SpaceRoleJson> spaces) {}

  /** {@code POST /auth/cli-token}: the new key, shown this once. */
  public record CliToken(String key, ApiKeyJson apiKey) {}

  /** Request bodies. */
  public record LoginRequest(String email, String password) {}

  public record SetupRequest(String setupToken, String email, String name, String password) {}

  public record PasswordRequest(String currentPassword, String newPassword) {}

  public record CliTokenRequest(String email, String password, String name) {}
}
