package dev.assay.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a user program (no shell) with the subject as JSON on stdin; its stdout is one JSON object
 * {@code {label?, score?, explanation?, passed?, metadata?}}. The environment is scrubbed to PATH, HOME,
 * LANG and {@code env}; the process is killed at {@code timeoutMs}; its stderr is kept in a failure.
 */
public record CommandSpec(
    String name,
    SubjectKind granularity,
    Map<String, String> mappings,
    List<String> command,
    Map<String, String> env,
    Long timeoutMs) implements EvaluatorSpec {

  public CommandSpec {
    Objects.requireNonNull(name, "name");
    granularity = granularity == null ? SubjectKind.SPAN : granularity;
    mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
    command = List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    timeoutMs = timeoutMs == null ? 60_000L : timeoutMs;
  }

  @Override
  public EvaluatorKind kind() {
    return EvaluatorKind.COMMAND;
  }
}
