package dev.assay.prompts;

/** How variables are written in a prompt's messages: {@code {{name}}} or {@code {name}} (AX's InputVariableFormat). */
public enum TemplateFormat {
  MUSTACHE,
  F_STRING,
  /** AX's deprecated value, treated as {@link #F_STRING}. */
  NONE
}
