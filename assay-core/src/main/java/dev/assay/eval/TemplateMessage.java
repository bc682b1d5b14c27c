package dev.assay.eval;

import java.util.Objects;

/** One message of a judge's chat template; {@code content} holds {@code {variable}} placeholders. */
public record TemplateMessage(String role, String content) {
  public TemplateMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }
}
