package dev.assay.prompts;

import java.time.Instant;
import java.util.Objects;

/** A named prompt in a space; its content lives in immutable {@link PromptVersion}s. */
public record Prompt(String id, String spaceId, String name, String description, Instant createdAt,
    Instant updatedAt) {
  public Prompt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spaceId, "spaceId");
    Objects.requireNonNull(name, "name");
  }
}
