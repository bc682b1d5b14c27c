package dev.assay.auth;

import dev.assay.shared.ForbiddenException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceStore;
import java.util.Map;

/**
 * Users' roles in spaces (AX role bindings and space users). Anyone may read the memberships of the spaces it can
 * view; only a space ADMIN (or an account ADMIN) changes them.
 */
public final class MembershipService {
  private final AuthStore store;
  private final SpaceStore spaces;

  public MembershipService(AuthStore store, SpaceStore spaces) {
    if (store == null || spaces == null) {
      throw new NullPointerException("store and spaces are required");
    }
    this.store = store;
    this.spaces = spaces;
  }

  /** Memberships in the spaces the caller can view, ordered by space id then user id; null filters do not filter. */
  public Page<Membership> list(Principal caller, String spaceId, String userId, PageRequest page) {
    return store.listMemberships(caller.scope(SpaceRole.VIEWER), spaceId, userId, page);
  }

  /**
   * The membership of {@code userId} in {@code spaceId}.
   *
   * @throws NotFoundException when the caller cannot view the space or the user is not a member
   */
  public Membership get(Principal caller, String spaceId, String userId) {
    Space space = visibleSpace(caller, spaceId);
    return store.findMembership(space.id(), userId)
        .orElseThrow(() -> new NotFoundException("user '" + userId + "' is not a member of space '" + spaceId + "'"));
  }

  /**
   * Gives {@code userId} the role {@code role} in {@code spaceId} (adds or changes the membership).
   *
   * @throws NotFoundException when the caller cannot view the space, or the user does not exist
   * @throws ForbiddenException when the caller is not ADMIN of the space
   */
  public Membership put(Principal caller, String spaceId, String userId, SpaceRole role) {
    if (role == null) {
      throw new dev.assay.shared.InvalidInputException("role must be ADMIN, MEMBER or READ_ONLY");
    }
    Space space = administeredSpace(caller, spaceId);
    User user = store.findUser(userId == null ? "" : userId)
        .orElseThrow(() -> new NotFoundException("user '" + userId + "' not found"));
    return store.putMembership(space.id(), user.id(), role);
  }

  /**
   * Removes {@code userId} from {@code spaceId}.
   *
   * @throws NotFoundException when the caller cannot view the space or the user is not a member
   * @throws ForbiddenException when the caller is not ADMIN of the space
   */
  public void remove(Principal caller, String spaceId, String userId) {
    Space space = administeredSpace(caller, spaceId);
    if (userId == null || !store.removeMembership(space.id(), userId)) {
      throw new NotFoundException("user '" + userId + "' is not a member of space '" + spaceId + "'");
    }
  }

  /** The user's role in each space it belongs to (what its {@link Principal} carries). */
  public Map<String, SpaceRole> rolesOf(String userId) {
    return store.rolesOf(userId);
  }

  /** The space, when the caller can view it. */
  Space visibleSpace(Principal caller, String spaceId) {
    return spaces.findById(caller.scope(SpaceRole.VIEWER), spaceId)
        .orElseThrow(() -> new NotFoundException("space '" + spaceId + "' not found"));
  }

  private Space administeredSpace(Principal caller, String spaceId) {
    Space space = visibleSpace(caller, spaceId);
    if (caller.roleIn(space.id()) != SpaceRole.ADMIN) {
      throw new ForbiddenException("managing the members of space '" + space.name() + "' needs its ADMIN role");
    }
    return space;
  }
}
