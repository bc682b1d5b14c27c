package dev.assay.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A built-in code check. {@code variables} are the subject fields it reads, in the order the check
 * documents (AX's managed {@code variables}); {@code params} are its static parameters (AX's
 * {@code static_params}: pattern, keywords, schema, tolerance …). {@code threshold} turns a score into
 * {@code passed} (score ≥ threshold; for the *_THRESHOLD checks the parameter is the limit itself).
 */
public record CodeSpec(
    String name,
    SubjectKind granularity,
    Map<String, String> mappings,
    CodeCheck check,
    List<String> variables,
    Map<String, Object> params,
    Double threshold) implements EvaluatorSpec {

  public CodeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
    granularity = granularity == null ? SubjectKind.SPAN : granularity;
    mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
    variables = variables == null ? List.of() : List.copyOf(variables);
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  @Override
  public EvaluatorKind kind() {
    return EvaluatorKind.CODE;
  }
}
