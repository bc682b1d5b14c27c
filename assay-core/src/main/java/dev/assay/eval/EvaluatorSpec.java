package dev.assay.eval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * One immutable evaluator version's definition, stored as JSON in {@code evaluator_versions.spec} (property
 * {@code kind} names the record). Common to every kind:
 *
 * <ul>
 *   <li>{@code name}: the result name written on each evaluation (AX's eval column name);
 *   <li>{@code granularity}: what it evaluates (SPAN when null);
 *   <li>{@code mappings}: template variable → subject field or path ({@code attributes.llm.model_name},
 *       {@code input.$.question}); a variable without a mapping binds to the field of its own name.
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JudgeSpec.class, name = "LLM_JUDGE"),
    @JsonSubTypes.Type(value = CodeSpec.class, name = "CODE"),
    @JsonSubTypes.Type(value = EmbeddingSpec.class, name = "EMBEDDING"),
    @JsonSubTypes.Type(value = HttpSpec.class, name = "HTTP"),
    @JsonSubTypes.Type(value = CommandSpec.class, name = "COMMAND")})
public sealed interface EvaluatorSpec permits JudgeSpec, CodeSpec, EmbeddingSpec, HttpSpec, CommandSpec {

  String name();

  SubjectKind granularity();

  Map<String, String> mappings();

  EvaluatorKind kind();
}
