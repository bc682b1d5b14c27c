package dev.assay.server.otlp;

import dev.assay.auth.AccessScope;
import dev.assay.auth.Authenticator;
import dev.assay.auth.Principal;
import dev.assay.auth.SpaceRole;
import dev.assay.server.auth.Credentials;
import dev.assay.server.v2.ApiIds;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.UnauthenticatedException;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Who may send spans over OTLP and into which space they go; the same rules for OTLP/HTTP and OTLP/gRPC.
 *
 * <p>In local mode every caller writes to the default space, whatever it sends (AX exporters always send a
 * {@code space_id} of their own). With authentication on the caller needs an API key ({@code Authorization: Bearer}
 * or AX's {@code api_key}), and the space is the one named by {@code space_id} (AX) or {@code x-assay-space} (an id
 * or a name), else the default space if the caller may write there, else the caller's only space where it may
 * write; with several and none named, the request is refused with a message naming the header.
 */
public final class OtlpAccess {
  public static final String SPACE_HEADER = "x-assay-space";
  public static final String AX_SPACE_HEADER = "space_id";

  /** Where a request's spans go and what the caller may create there. */
  public record Target(AccessScope scope, String spaceId) {}

  private final boolean authEnabled;
  private final Authenticator authenticator;
  private final SpaceService spaces;

  /** @param authenticator and {@code spaces} are required when {@code authEnabled}, unused otherwise */
  public OtlpAccess(boolean authEnabled, Authenticator authenticator, SpaceService spaces) {
    if (authEnabled && (spaces == null || authenticator == null)) {
      throw new NullPointerException("spaces and an authenticator are required when authentication is on");
    }
    this.authEnabled = authEnabled;
    this.authenticator = authenticator;
    this.spaces = spaces;
  }

  /** Local mode: everything into the default space, unrestricted, as before authentication existed. */
  public static OtlpAccess local() {
    return new OtlpAccess(false, null, null);
  }

  public boolean authEnabled() {
    return authEnabled;
  }

  /**
   * The caller of a gRPC call, from its metadata: {@link Principal#local()} in local mode.
   *
   * @throws UnauthenticatedException without a valid key
   * @throws ForbiddenException when the caller may write in no space
   */
  public Principal authenticate(UnaryOperator<String> header) {
    if (!authEnabled) {
      return Principal.local();
    }
    String key = Credentials.apiKey(header);
    if (key == null) {
      throw new UnauthenticatedException("authentication required: send 'authorization: Bearer <api key>'");
    }
    Principal principal = authenticator.apiKey(key);
    requireWriter(principal);
    return principal;
  }

  /** Refuses a caller that is MEMBER in no space, before anything is decoded. */
  public static void requireWriter(Principal principal) {
    if (!principal.hasAnySpace(SpaceRole.MEMBER)) {
      throw new ForbiddenException("sending spans needs the MEMBER role in a space");
    }
  }

  /**
   * The space the spans of {@code caller}'s request go to.
   *
   * @throws dev.assay.shared.NotFoundException when the named space does not exist or the caller may not write there
   * @throws ForbiddenException when no space is named and the caller's choice is ambiguous
   */
  public Target target(Principal caller, UnaryOperator<String> header) {
    if (caller.isLocal()) {
      return new Target(AccessScope.unrestricted(), Space.DEFAULT_ID);
    }
    AccessScope scope = caller.scope(SpaceRole.MEMBER);
    String named = named(header);
    if (named != null) {
      return new Target(scope, spaces.get(scope, ApiIds.decode("Space", named)).id());
    }
    if (scope.allows(Space.DEFAULT_ID)) {
      return new Target(scope, Space.DEFAULT_ID);
    }
    List<String> writable = caller.spaceRoles().entrySet().stream().filter(e -> e.getValue().atLeast(SpaceRole.MEMBER))
        .map(Map.Entry::getKey).toList();
    if (writable.size() == 1) {
      return new Target(scope, writable.getFirst());
    }
    throw new ForbiddenException("name the space for these spans with the '" + SPACE_HEADER + "' header (its id or "
        + "name; AX exporters send '" + AX_SPACE_HEADER + "'): you may write to " + writable.size() + " spaces and "
        + "none is the default space");
  }

  private static String named(UnaryOperator<String> header) {
    for (String name : List.of(SPACE_HEADER, AX_SPACE_HEADER)) {
      String value = header.apply(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
