package dev.assay.prompts;

import java.util.Objects;

/** A prompt with one resolved version (AX's {@code PromptWithVersion}). */
public record PromptWithVersion(Prompt prompt, PromptVersion version) {
  public PromptWithVersion {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(version, "version");
  }
}
