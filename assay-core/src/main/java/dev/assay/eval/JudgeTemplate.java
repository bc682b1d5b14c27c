package dev.assay.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A judge template: a chat template with {@code {variable}} placeholders, rails (label → score, in order),
 * the direction that makes a label a pass, and the granularity of subject it is written for. Built-in ones
 * are data files under {@code judge-templates/}; custom ones have the same shape ({@link JudgeTemplates#parse}).
 *
 * @param variables every placeholder the messages use (and nothing else), in the order a form shows them
 * @param explanationByDefault whether evaluators made from it ask for an explanation unless told otherwise
 */
public record JudgeTemplate(String id, String name, String description, SubjectKind granularity,
    Direction direction, Map<String, Double> rails, List<String> variables, List<TemplateMessage> messages,
    boolean explanationByDefault) {

  public JudgeTemplate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(direction, "direction");
    rails = Collections.unmodifiableMap(new LinkedHashMap<>(rails));
    variables = List.copyOf(variables);
    messages = List.copyOf(messages);
  }

  /**
   * An evaluator spec from this template: structured output asked for (the judge's parser falls back to a
   * JSON object in text, a tool call or a bare label when a provider ignores it).
   *
   * @param resultName the name written on each result; the template id when null or blank
   * @param model the judge model, null while drafting (running then fails with how to configure one)
   * @param mappings variable → subject field or path; unmapped variables bind by their own name
   */
  public JudgeSpec toSpec(String resultName, ModelRef model, Map<String, String> mappings, boolean includeExplanation) {
    String name = resultName == null || resultName.isBlank() ? id : resultName;
    return new JudgeSpec(name, granularity, mappings, id, messages, rails, direction, includeExplanation, true, true,
        model);
  }
}
