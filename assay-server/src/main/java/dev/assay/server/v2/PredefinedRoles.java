package dev.assay.server.v2;

import dev.assay.auth.SpaceRole;
import dev.assay.server.v2.IdentityJson.RoleJson;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.UnprocessableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * AX's predefined space roles as {@code /v2/roles} lists them: READ_ONLY (Assay's VIEWER), MEMBER and ADMIN, each
 * with the AX permissions it implies in Assay. Custom roles do not exist, so these three are all there is; their
 * ids are {@code Role:<name>} in API form, and a role's name is accepted wherever its id is.
 */
final class PredefinedRoles {
  static final String TYPE = "Role";
  /** Predefined roles have always existed; AX still wants timestamps. */
  private static final Instant EPOCH = Instant.EPOCH;

  private static final List<String> READ = List.of("SPACE_READ", "PROJECT_READ", "PROJECT_SPAN_READ",
      "PROJECT_EVAL_TASK_READ", "EVALUATOR_READ", "DATASET_READ", "DATASET_EXAMPLE_READ", "EXPERIMENT_READ",
      "EXPERIMENT_RUN_READ", "PROMPT_READ", "AI_PROVIDER_READ", "ROLE_BINDING_READ");
  private static final List<String> WRITE = List.of("PROJECT_CREATE", "PROJECT_UPDATE", "PROJECT_DELETE",
      "PROJECT_SPAN_CREATE", "PROJECT_SPAN_UPDATE", "PROJECT_SPAN_DELETE", "PROJECT_SPAN_ANNOTATE",
      "PROJECT_EVAL_TASK_CREATE", "PROJECT_EVAL_TASK_UPDATE", "PROJECT_EVAL_TASK_DELETE", "EVALUATOR_CREATE",
      "EVALUATOR_UPDATE", "EVALUATOR_DELETE", "DATASET_CREATE", "DATASET_UPDATE", "DATASET_DELETE",
      "DATASET_EXAMPLE_CREATE", "DATASET_EXAMPLE_UPDATE", "DATASET_EXAMPLE_DELETE", "DATASET_EXAMPLE_ANNOTATE",
      "EXPERIMENT_CREATE", "EXPERIMENT_UPDATE", "EXPERIMENT_DELETE", "PROMPT_CREATE", "PROMPT_UPDATE",
      "PROMPT_DELETE", "PLAYGROUND_RUN", "SERVICE_KEY_CREATE", "SERVICE_KEY_READ", "SERVICE_KEY_REVOKE");
  private static final List<String> MANAGE = List.of("SPACE_UPDATE", "SPACE_DELETE", "LLM_INTEGRATION_CREATE",
      "LLM_INTEGRATION_UPDATE", "LLM_INTEGRATION_DELETE", "ROLE_BINDING_CREATE", "ROLE_BINDING_DELETE");

  private PredefinedRoles() {}

  /** The three roles, strongest first as AX lists them. */
  static List<RoleJson> all() {
    return List.of(json(SpaceRole.ADMIN), json(SpaceRole.MEMBER), json(SpaceRole.VIEWER));
  }

  static String id(SpaceRole role) {
    return ApiIds.encode(TYPE, role.axName());
  }

  static RoleJson json(SpaceRole role) {
    List<String> permissions = new ArrayList<>(READ);
    String description = "Reads everything in the space";
    if (role.atLeast(SpaceRole.MEMBER)) {
      permissions.addAll(WRITE);
      description = "Reads and writes the space's data: projects, spans, evaluators, tasks, datasets, prompts,"
          + " experiments";
    }
    if (role == SpaceRole.ADMIN) {
      permissions.addAll(MANAGE);
      description = "Member, and manages the space: its members, model configs, webhooks; may delete it";
    }
    return new RoleJson(id(role), role.axName(), description, List.copyOf(permissions), true, EPOCH, EPOCH);
  }

  /** The role a path's {@code role_id} names; 404 when none. */
  static SpaceRole get(String roleId) {
    SpaceRole role = SpaceRole.parse(ApiIds.decode(TYPE, roleId));
    if (role == null) {
      throw new NotFoundException("role " + roleId + " not found: the roles are ADMIN, MEMBER and READ_ONLY"
          + " (custom roles do not exist in Assay)");
    }
    return role;
  }

  /** The role a body's {@code role_id} names; 422 when none (a custom role Assay cannot have). */
  static SpaceRole parseBodyRole(String roleId) {
    SpaceRole role = SpaceRole.parse(ApiIds.decode(TYPE, roleId));
    if (role == null) {
      throw new UnprocessableException("role_id " + roleId + " is not a role: use the id of ADMIN, MEMBER or"
          + " READ_ONLY from GET /v2/roles (custom roles do not exist in Assay)");
    }
    return role;
  }
}
