package dev.assay.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An LLM-as-a-judge: a chat template, rails (label → score, in order), the direction that makes a label a
 * pass, and the model to call. {@code model} may be null while drafting; running it then fails with a
 * message that says how to configure a model.
 *
 * @param templateId the built-in judge template this was made from, null for a custom template
 * @param includeExplanation ask for an explanation before the label (explain-then-label)
 * @param useStructuredOutput ask for JSON-schema output where the provider supports it
 * @param useFunctionCalling ask for a tool call where the provider supports it (when structured output is off)
 */
public record JudgeSpec(
    String name,
    SubjectKind granularity,
    Map<String, String> mappings,
    String templateId,
    List<TemplateMessage> messages,
    Map<String, Double> rails,
    Direction direction,
    boolean includeExplanation,
    boolean useStructuredOutput,
    boolean useFunctionCalling,
    ModelRef model) implements EvaluatorSpec {

  public JudgeSpec {
    Objects.requireNonNull(name, "name");
    granularity = granularity == null ? SubjectKind.SPAN : granularity;
    mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
    messages = List.copyOf(messages);
    rails = rails == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rails));
    direction = direction == null ? Direction.MAXIMIZE : direction;
  }

  @Override
  public EvaluatorKind kind() {
    return EvaluatorKind.LLM_JUDGE;
  }
}
