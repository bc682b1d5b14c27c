package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.ApiKey;
import dev.assay.auth.ApiKeyFilter;
import dev.assay.auth.ApiKeyService;
import dev.assay.auth.CreatedApiKey;
import dev.assay.auth.Membership;
import dev.assay.auth.Principal;
import dev.assay.auth.SpaceRole;
import dev.assay.server.auth.RequestAuth;
import dev.assay.server.v2.IdentityJson.ApiKeyCreatedJson;
import dev.assay.server.v2.IdentityJson.ApiKeyJson;
import dev.assay.server.v2.IdentityJson.BotUser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.spaces.SpaceService;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v2/api-keys}, as AX defines it (operations {@code list_api_keys}, {@code create_api_key},
 * {@code refresh_api_key}, {@code revoke_api_key}). The key itself is in the create and refresh answers only;
 * lists show its {@code redacted_key}. Who may see or change which key is the service's to decide.
 */
final class ApiKeyController {
  private final ApiKeyService keys;
  private final SpaceService spaces;

  ApiKeyController(ApiKeyService keys, SpaceService spaces) {
    if (keys == null || spaces == null) {
      throw new NullPointerException("keys and spaces are required");
    }
    this.keys = keys;
    this.spaces = spaces;
  }

  /** {@code GET /v2/api-keys?key_type=&status=&space_id=&user_id=&limit=&cursor=}; status defaults to ACTIVE. */
  void list(Context ctx) {
    ApiKey.Type type = enumQuery(ctx, "key_type", ApiKey.Type.class);
    ApiKey.Status status = enumQuery(ctx, "status", ApiKey.Status.class);
    Principal caller = RequestAuth.principal(ctx);
    String spaceRef = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    // By id or name, among the spaces the caller can see (404 otherwise, as for every space_id filter).
    String spaceId = spaceRef == null ? null : spaces.get(caller.scope(SpaceRole.VIEWER), spaceRef).id();
    if (spaceId != null && type == null) {
      type = ApiKey.Type.SERVICE; // AX: a space's keys are its service keys
    }
    var page = V2Requests.page(ctx);
    ApiKeyFilter filter = new ApiKeyFilter(type, status == null ? ApiKey.Status.ACTIVE : status, spaceId,
        ApiIds.decode(IdentityJson.USER, query(ctx, "user_id")));
    Page<ApiKey> found = keys.list(caller, filter, page);
    ctx.json(new IdentityJson.ApiKeyList(found.items().stream().map(ApiKeyJson::of).toList(), Pagination.of(found)));
  }

  /** {@code POST /v2/api-keys}: AX's {@code CreateApiKeyRequest}; 201 with the key, shown this once. */
  void create(Context ctx) {
    IdentityRequests.CreateKey request = IdentityRequests.createKey(TaskController.body(ctx));
    Principal caller = RequestAuth.principal(ctx);
    if (request.type() == ApiKey.Type.USER) {
      CreatedApiKey created = keys.createUserKey(caller, request.name(), request.description(), request.expiresAt());
      ctx.status(201).json(new ApiKeyCreatedJson(ApiKeyJson.of(created.key()), created.secret(), null));
      return;
    }
    // Spaces by id or name, among those the caller can see; the service checks the roles it may hand out.
    Map<String, SpaceRole> bound = new LinkedHashMap<>();
    request.spaces().forEach((ref, role) -> bound.put(spaces.get(caller.scope(SpaceRole.VIEWER), ref).id(), role));
    CreatedApiKey created = keys.createServiceKey(caller, request.name(), request.description(), request.expiresAt(),
        bound);
    Map<String, SpaceRole> roles = new LinkedHashMap<>();
    for (Membership m : created.serviceMemberships()) {
      roles.put(m.spaceId(), m.role());
    }
    ctx.status(201).json(new ApiKeyCreatedJson(ApiKeyJson.of(created.key()), created.secret(),
        BotUser.of(created.serviceUser(), roles)));
  }

  /** {@code POST /v2/api-keys/{api_key_id}/refresh}: AX's {@code RefreshApiKeyRequest}, body optional. */
  void refresh(Context ctx) {
    JsonNode body = ctx.body().isBlank() ? null : TaskController.body(ctx);
    IdentityRequests.Refresh request = IdentityRequests.refresh(body);
    // The service refuses (422) an expiry later than the key's own: a refresh never lengthens a key's life.
    CreatedApiKey created = keys.refresh(RequestAuth.principal(ctx), keyId(ctx), request.expiresAt(), request.grace());
    ctx.json(new ApiKeyCreatedJson(ApiKeyJson.of(created.key()), created.secret(), null));
  }

  /** {@code PUT /v2/api-keys/{api_key_id}/revoke} (AX's verb; POST also accepted): 204, also when already revoked. */
  void revoke(Context ctx) {
    keys.revoke(RequestAuth.principal(ctx), keyId(ctx));
    ctx.status(204);
  }

  private static String keyId(Context ctx) {
    return ApiIds.decode(IdentityJson.API_KEY, ctx.pathParam("api_key_id"));
  }

  static <E extends Enum<E>> E enumQuery(Context ctx, String name, Class<E> type) {
    String value = query(ctx, name);
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.strip())) {
        return constant;
      }
    }
    throw new InvalidInputException(name + " '" + value + "' is invalid: use one of "
        + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
  }
}
