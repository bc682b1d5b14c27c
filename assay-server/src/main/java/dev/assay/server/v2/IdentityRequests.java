package dev.assay.server.v2;

import static dev.assay.server.v2.JsonFields.present;
import static dev.assay.server.v2.JsonFields.rejectUnknown;
import static dev.assay.server.v2.JsonFields.requiredText;
import static dev.assay.server.v2.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccountRole;
import dev.assay.auth.ApiKey;
import dev.assay.auth.NewUser;
import dev.assay.auth.SpaceRole;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.UnprocessableException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the identity request bodies as AX defines them ({@code CreateUserRequest}, {@code UpdateUserRequest},
 * {@code CreateApiKeyRequest}, {@code RefreshApiKeyRequest}, {@code CreateRoleBindingRequest},
 * {@code UpdateRoleBindingRequest}, {@code AddSpaceUserRequest}). Unknown fields and fields of the wrong type are a
 * 400 naming them; what AX allows but Assay cannot do (mail invitations, annotators, custom roles) is a 422 saying
 * so. Nothing here touches the store: checks that need it (the caller's roles, existing users) are the services'.
 */
final class IdentityRequests {
  static final Duration MAX_GRACE = Duration.ofHours(24);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final int MAX_NAME = 255;
  private static final Set<String> SYSTEM_FIELDS = Set.of("id", "created_at", "updated_at");

  private IdentityRequests() {}

  /** A new user and the invite mode to echo; {@code password} is Assay's (no mail server to send a link). */
  record CreateUser(NewUser user, String inviteMode) {}

  /** A user's changes: a new name, and Assay's {@code role}; null when unchanged. */
  record UpdateUser(String name, AccountRole role) {}

  /** A key to create: service keys name their spaces (an id or name each) with a role. */
  record CreateKey(ApiKey.Type type, String name, String description, Instant expiresAt, Map<String, SpaceRole> spaces) {}

  record Refresh(Instant expiresAt, Duration grace) {}

  record Binding(SpaceRole role, String userId, String spaceRef) {}

  record SpaceUser(String userId, SpaceRole role) {}

  static CreateUser createUser(JsonNode body) {
    rejectUnknown(body, Set.of("name", "email", "role", "invite_mode", "is_developer", "password"), "");
    String name = name(body, "name", true);
    String email = requiredText(body, "email").strip();
    if (email.length() > MAX_NAME || !EMAIL.matcher(email).matches()) {
      throw new InvalidInputException("email must be an email address such as jane@example.com, got '" + email + "'");
    }
    if (!present(body, "role")) {
      throw new InvalidInputException("role is required: {\"type\": \"PREDEFINED\", \"name\": \"ADMIN\"|\"MEMBER\"}");
    }
    AccountRole role = accountRole(body.get("role"), "role");
    developer(body);
    String password = text(body, "password");
    String mode = text(body, "invite_mode");
    if (mode == null && password == null) {
      throw new InvalidInputException("invite_mode is required: NONE or TEMPORARY_PASSWORD");
    }
    mode = mode == null ? "NONE" : mode.toUpperCase(Locale.ROOT);
    switch (mode) {
      case "NONE", "TEMPORARY_PASSWORD" -> { }
      case "EMAIL_LINK" -> throw new UnprocessableException("invite_mode EMAIL_LINK needs a mail server, and Assay"
          + " sends no mail: use TEMPORARY_PASSWORD (the password comes back in the response) or give a password");
      default -> throw new InvalidInputException("invite_mode '" + mode + "' is invalid: use one of NONE,"
          + " TEMPORARY_PASSWORD, EMAIL_LINK");
    }
    // TEMPORARY_PASSWORD without a password: the service makes one up and the user must change it at first login.
    boolean temporary = mode.equals("TEMPORARY_PASSWORD");
    return new CreateUser(new NewUser(name, email, role, password, temporary), mode);
  }

  static UpdateUser updateUser(JsonNode body) {
    rejectUnknown(body, Set.of("name", "is_developer", "role"), "");
    String name = present(body, "name") ? name(body, "name", true) : null;
    boolean developer = developer(body);
    AccountRole role = present(body, "role") ? accountRole(body.get("role"), "role") : null;
    if (name == null && role == null && !developer) {
      throw new InvalidInputException("give at least one field to change: name, is_developer or role");
    }
    return new UpdateUser(name, role);
  }

  static CreateKey createKey(JsonNode body) {
    rejectSystemFields(body);
    String type = requiredText(body, "key_type");
    String name = name(body, "name", true);
    String description = text(body, "description");
    Instant expiresAt = futureTime(body, "expires_at");
    if (type.equalsIgnoreCase("USER")) {
      rejectUnknown(body, Set.of("key_type", "name", "description", "expires_at"), "");
      return new CreateKey(ApiKey.Type.USER, name, description, expiresAt, Map.of());
    }
    if (!type.equalsIgnoreCase("SERVICE")) {
      throw new InvalidInputException("key_type '" + type + "' is invalid: use USER or SERVICE");
    }
    rejectUnknown(body, Set.of("key_type", "name", "description", "expires_at", "account_role", "organizations"), "");
    if (present(body, "account_role")) {
      String accountRole = predefinedName(body.get("account_role"), "account_role");
      if (!accountRole.equals("MEMBER")) {
        throw new UnprocessableException("account_role " + accountRole + " cannot be given to a service key: its"
            + " service account is an account MEMBER with the space roles listed in organizations");
      }
    }
    JsonNode orgs = body.get("organizations");
    if (orgs == null || !orgs.isArray() || orgs.isEmpty()) {
      throw new InvalidInputException("organizations is required for a SERVICE key: [{\"org_id\": \"…\", \"spaces\":"
          + " [{\"space_id\": \"…\", \"role\": {\"name\": \"MEMBER\"}}]}]");
    }
    Map<String, SpaceRole> spaces = new LinkedHashMap<>();
    for (int i = 0; i < orgs.size(); i++) {
      String at = "organizations[" + i + "]";
      JsonNode org = orgs.get(i);
      if (!org.isObject()) {
        throw new InvalidInputException(at + " must be an object");
      }
      rejectUnknown(org, Set.of("org_id", "role", "spaces"), at + ".");
      text(org, "org_id", at + ".org_id"); // one implicit organization: accepted and ignored
      if (present(org, "role")) {
        predefinedName(org.get("role"), at + ".role");
      }
      JsonNode list = org.get("spaces");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new InvalidInputException(at + ".spaces must be a non-empty array of {space_id, role?}");
      }
      for (int j = 0; j < list.size(); j++) {
        String sat = at + ".spaces[" + j + "]";
        JsonNode s = list.get(j);
        if (!s.isObject()) {
          throw new InvalidInputException(sat + " must be an object");
        }
        rejectUnknown(s, Set.of("space_id", "role"), sat + ".");
        String space = text(s, "space_id", sat + ".space_id");
        if (space == null || space.isBlank()) {
          throw new InvalidInputException(sat + ".space_id is required");
        }
        SpaceRole role = present(s, "role") ? spaceRole(s.get("role"), sat + ".role") : SpaceRole.MEMBER;
        if (spaces.put(ApiIds.decode(SpaceController.TYPE, space), role) != null) {
          throw new InvalidInputException(sat + ".space_id " + space + " appears twice: give each space once");
        }
      }
    }
    return new CreateKey(ApiKey.Type.SERVICE, name, description, expiresAt, spaces);
  }

  /** AX's {@code RefreshApiKeyRequest}; the body is optional. */
  static Refresh refresh(JsonNode body) {
    if (body == null) {
      return new Refresh(null, Duration.ZERO);
    }
    rejectUnknown(body, Set.of("expires_at", "grace_period_seconds"), "");
    Duration grace = Duration.ZERO;
    if (present(body, "grace_period_seconds")) {
      JsonNode value = body.get("grace_period_seconds");
      if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > MAX_GRACE.toSeconds()) {
        throw new InvalidInputException("grace_period_seconds must be an integer from 0 to " + MAX_GRACE.toSeconds()
            + ", got " + value);
      }
      grace = Duration.ofSeconds(value.asLong());
    }
    return new Refresh(futureTime(body, "expires_at"), grace);
  }

  static Binding createBinding(JsonNode body) {
    rejectSystemFields(body);
    rejectUnknown(body, Set.of("role_id", "user_id", "resource_type", "resource_id"), "");
    String roleId = requiredText(body, "role_id");
    String userId = requiredText(body, "user_id");
    String type = requiredText(body, "resource_type");
    String resource = requiredText(body, "resource_id");
    resourceType(type);
    return new Binding(PredefinedRoles.parseBodyRole(roleId), ApiIds.decode(IdentityJson.USER, userId),
        ApiIds.decode(SpaceController.TYPE, resource));
  }

  /** {@code SPACE}; AX's {@code PROJECT} bindings do not exist in Assay (422); anything else is a 400. */
  static void resourceType(String type) {
    if (type.equalsIgnoreCase("PROJECT")) {
      throw new UnprocessableException("resource_type PROJECT: Assay grants roles per space only; bind the user to"
          + " the project's space (resource_type SPACE)");
    }
    if (!type.equalsIgnoreCase("SPACE")) {
      throw new InvalidInputException("resource_type '" + type + "' is invalid: use SPACE (or PROJECT)");
    }
  }

  static SpaceRole updateBinding(JsonNode body) {
    for (String managed : Set.of("id", "user_id", "resource_type", "resource_id", "created_at", "updated_at")) {
      if (body.has(managed)) {
        throw new InvalidInputException(managed + " cannot be changed: only role_id is mutable on a role binding");
      }
    }
    rejectUnknown(body, Set.of("role_id"), "");
    return PredefinedRoles.parseBodyRole(requiredText(body, "role_id"));
  }

  static SpaceUser addSpaceUser(JsonNode body) {
    rejectUnknown(body, Set.of("user_id", "role"), "");
    String userId = requiredText(body, "user_id");
    if (!present(body, "role")) {
      throw new InvalidInputException("role is required: {\"type\": \"PREDEFINED\", \"name\": \"ADMIN\"|\"MEMBER\"|"
          + "\"READ_ONLY\"}");
    }
    return new SpaceUser(ApiIds.decode(IdentityJson.USER, userId), spaceRole(body.get("role"), "role"));
  }

  /** A space role assignment: {@code {"type": "PREDEFINED", "name": "MEMBER"}}, or just the name. */
  static SpaceRole spaceRole(JsonNode value, String label) {
    String name = predefinedName(value, label);
    SpaceRole role = SpaceRole.parse(name);
    if (role == null) {
      throw new InvalidInputException(label + ".name '" + name + "' is invalid: use ADMIN, MEMBER or READ_ONLY");
    }
    return role;
  }

  private static AccountRole accountRole(JsonNode value, String label) {
    String name = predefinedName(value, label);
    return switch (name) {
      case "ADMIN" -> AccountRole.ADMIN;
      case "MEMBER" -> AccountRole.MEMBER;
      default -> throw new InvalidInputException(label + ".name '" + name + "' is invalid: use ADMIN or MEMBER");
    };
  }

  /**
   * The name of a predefined role assignment, upper-cased. Custom roles and annotators are AX features Assay lacks
   * (422); a malformed assignment is a 400.
   */
  private static String predefinedName(JsonNode value, String label) {
    if (value.isTextual()) {
      return annotatorRefused(value.asText().strip().toUpperCase(Locale.ROOT), label);
    }
    if (!value.isObject()) {
      throw new InvalidInputException(label + " must be {\"type\": \"PREDEFINED\", \"name\": \"…\"}, got " + value);
    }
    rejectUnknown(value, Set.of("type", "name", "id"), label + ".");
    String type = text(value, "type", label + ".type");
    if ("CUSTOM".equalsIgnoreCase(type) || (type == null && present(value, "id"))) {
      throw new UnprocessableException(label + ": custom roles do not exist in Assay; use a predefined role"
          + " {\"type\": \"PREDEFINED\", \"name\": \"…\"}");
    }
    if (type != null && !type.equalsIgnoreCase("PREDEFINED")) {
      throw new InvalidInputException(label + ".type '" + type + "' is invalid: use PREDEFINED");
    }
    String name = text(value, "name", label + ".name");
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(label + ".name is required");
    }
    return annotatorRefused(name.strip().toUpperCase(Locale.ROOT), label);
  }

  private static String annotatorRefused(String name, String label) {
    if (name.equals("ANNOTATOR")) {
      throw new UnprocessableException(label + ": the ANNOTATOR role does not exist in Assay; use READ_ONLY, MEMBER"
          + " or ADMIN");
    }
    return name;
  }

  /** {@code is_developer}: every Assay user may use the API, so only true (or nothing) is accepted. */
  private static boolean developer(JsonNode body) {
    if (!present(body, "is_developer")) {
      return false;
    }
    JsonNode value = body.get("is_developer");
    if (!value.isBoolean()) {
      throw new InvalidInputException("is_developer must be true or false, got " + value);
    }
    if (!value.asBoolean()) {
      throw new UnprocessableException("is_developer false: every Assay user may use the API (there is no"
          + " non-developer user)");
    }
    return true;
  }

  private static String name(JsonNode body, String field, boolean required) {
    String value = required ? requiredText(body, field) : text(body, field);
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
      throw new InvalidInputException(field + " must be 1 to " + MAX_NAME + " characters, not blank");
    }
    return stripped;
  }

  /** An ISO-8601 time that is still to come; null when absent. */
  private static Instant futureTime(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field + " must be an ISO-8601 date-time such as 2027-01-01T00:00:00Z, got '"
          + value + "'");
    }
    if (!at.isAfter(Instant.now())) {
      throw new UnprocessableException(field + " " + value + " is in the past: give a time still to come");
    }
    return at;
  }

  private static void rejectSystemFields(JsonNode body) {
    body.fieldNames().forEachRemaining(field -> {
      if (SYSTEM_FIELDS.contains(field)) {
        throw new InvalidInputException(field + " is system-managed and cannot be set");
      }
    });
  }

}
