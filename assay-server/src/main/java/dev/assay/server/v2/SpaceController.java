package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import dev.assay.spaces.SpaceUpdate;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code /v2/spaces}, as AX defines it (operations {@code list_spaces}, {@code get_space}, {@code create_space},
 * {@code update_space}, {@code delete_space}). The {@code space_id} path parameter takes an id or a name.
 * Assay has one implicit organization, so {@code org_id} and {@code organization_id} are accepted and ignored.
 */
public final class SpaceController {
  static final String TYPE = "Space";

  /** AX's {@code Space}; a space without a description shows an empty one, as AX does. */
  public record SpaceJson(String id, String name, String description, Instant createdAt,
      @JsonProperty("is_private") boolean isPrivate) {
    static SpaceJson of(Space s) {
      return new SpaceJson(ApiIds.encode(TYPE, s.id()), s.name(), s.description() == null ? "" : s.description(),
          s.createdAt(), s.isPrivate());
    }
  }

  /** AX's {@code ListSpacesResponse}. */
  public record SpaceList(List<SpaceJson> spaces, Pagination pagination) {}

  /** AX's {@code CreateSpaceRequest}. */
  public record CreateSpaceRequest(String name, String organizationId, String description,
      @JsonProperty("is_private") Boolean isPrivate) {
    public CreateSpaceRequest {
      if (name == null) {
        throw new InvalidInputException("name is required");
      }
    }
  }

  /**
   * AX's {@code UpdateSpaceRequest}: an omitted field is kept, {@code "description": null} clears it. A bean
   * rather than a record because only setters tell an omitted property from an explicit null.
   */
  public static final class UpdateSpaceRequest {
    private String name;
    private String description;
    private Boolean isPrivate;

    @JsonProperty("name")
    public void setName(String name) {
      this.name = name;
    }

    @JsonProperty("description")
    public void setDescription(String description) {
      this.description = description == null ? "" : description;
    }

    @JsonProperty("is_private")
    public void setIsPrivate(Boolean isPrivate) {
      this.isPrivate = isPrivate;
    }

    SpaceUpdate toUpdate() {
      return new SpaceUpdate(name, description, isPrivate);
    }
  }

  private final SpaceService spaces;

  public SpaceController(SpaceService spaces) {
    if (spaces == null) {
      throw new NullPointerException("spaces is required");
    }
    this.spaces = spaces;
  }

  /** {@code GET /v2/spaces?name=&limit=&cursor=}: {@code name} is a case-insensitive substring filter. */
  public void list(Context ctx) {
    Page<Space> page = spaces.list(scope(ctx), query(ctx, "name"), V2Requests.page(ctx));
    ctx.json(new SpaceList(page.items().stream().map(SpaceJson::of).toList(), Pagination.of(page)));
  }

  public void get(Context ctx) {
    ctx.json(SpaceJson.of(spaces.get(scope(ctx), ref(ctx))));
  }

  public void create(Context ctx) {
    CreateSpaceRequest body = ctx.bodyAsClass(CreateSpaceRequest.class);
    Space space = spaces.create(scope(ctx), body.name(), body.description(), Boolean.TRUE.equals(body.isPrivate()));
    ctx.status(201).json(SpaceJson.of(space));
  }

  public void update(Context ctx) {
    UpdateSpaceRequest body = ctx.bodyAsClass(UpdateSpaceRequest.class);
    Space space = spaces.update(scope(ctx), ref(ctx), body.toUpdate());
    ctx.json(SpaceJson.of(space));
  }

  public void delete(Context ctx) {
    spaces.delete(scope(ctx), ref(ctx));
    ctx.status(204);
  }

  private static String ref(Context ctx) {
    return ApiIds.decode(TYPE, ctx.pathParam("space_id"));
  }
}
