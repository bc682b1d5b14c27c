package dev.assay.auth;

import java.util.Locale;

/**
 * A user's role in one space, weakest first. VIEWER reads, MEMBER also writes data (projects, spans,
 * evaluators, tasks, datasets, prompts, experiments), ADMIN also manages the space (members, model configs,
 * webhooks, deleting the space). AX names VIEWER {@code READ_ONLY}; {@link #parse} accepts both.
 */
public enum SpaceRole {
  VIEWER, MEMBER, ADMIN;

  public boolean atLeast(SpaceRole min) {
    return compareTo(min) >= 0;
  }

  /** AX's predefined space-role name: {@code ADMIN}, {@code MEMBER} or {@code READ_ONLY}. */
  public String axName() {
    return this == VIEWER ? "READ_ONLY" : name();
  }

  /** {@code ADMIN}, {@code MEMBER}, {@code VIEWER} or AX's {@code READ_ONLY}, any case; null when unknown. */
  public static SpaceRole parse(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.strip().toUpperCase(Locale.ROOT)) {
      case "ADMIN" -> ADMIN;
      case "MEMBER" -> MEMBER;
      case "VIEWER", "READ_ONLY" -> VIEWER;
      default -> null;
    };
  }
}
