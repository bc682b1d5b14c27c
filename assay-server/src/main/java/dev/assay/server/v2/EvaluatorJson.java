package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.EvaluatorDefinition;
import dev.assay.eval.EvaluatorKind;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.EvaluatorSpecJson;
import dev.assay.eval.EvaluatorVersion;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.ModelRef;
import dev.assay.eval.TemplateMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The evaluator shapes of the API: AX's {@code Evaluator}, {@code EvaluatorWithVersion} and {@code EvaluatorVersion}
 * (with {@code template_config} for judges and {@code code_config} for code checks), plus Assay's {@code spec} and
 * {@code version_number} on every version. Secrets in specs (HTTP header values) are shown masked.
 */
final class EvaluatorJson {
  static final String TYPE = "Evaluator";
  static final String VERSION_TYPE = "EvaluatorVersion";

  private EvaluatorJson() {}

  /** AX's {@code Evaluator}; {@code created_by_user_id} is null until users exist. */
  record Evaluator(String id, String name, String description, String type, String spaceId, Instant createdAt,
      Instant updatedAt, String createdByUserId) {}

  /** AX's {@code EvaluatorWithVersion}: the evaluator's fields and the resolved {@code version}. */
  record WithVersion(String id, String name, String description, String type, String spaceId, Instant createdAt,
      Instant updatedAt, String createdByUserId, Version version) {}

  /** AX's {@code EvaluatorVersion} (one object for every type) with Assay's {@code version_number} and {@code spec}. */
  record Version(String id, String evaluatorId, String commitHash, String commitMessage, Instant createdAt,
      String createdByUserId, String type, long versionNumber, JsonNode spec,
      @JsonInclude(JsonInclude.Include.NON_NULL) TemplateConfig templateConfig,
      @JsonInclude(JsonInclude.Include.NON_NULL) CodeConfig codeConfig) {}

  /** AX's {@code TemplateConfig}: the judge's messages joined into one template. */
  record TemplateConfig(String name, String template, boolean includeExplanations, boolean useFunctionCallingIfAvailable,
      boolean useStructuredOutput, Map<String, Double> classificationChoices, String direction, String dataGranularity,
      LlmConfig llmConfig) {}

  /** AX's {@code EvaluatorLlmConfig}; ids are {@code ""} when the judge has no model yet. */
  record LlmConfig(String aiIntegrationId, String modelName, Map<String, Object> invocationParameters,
      Map<String, Object> providerParameters) {}

  /** AX's {@code ManagedCodeConfig}; {@code managed_evaluator} may be any of Assay's checks. */
  record CodeConfig(String type, String name, String managedEvaluator, List<String> variables,
      List<StaticParam> staticParams, String dataGranularity) {}

  /** AX's {@code StaticParam}. */
  record StaticParam(String name, String type, Object defaultValue) {}

  /** AX's {@code EvaluatorType} for a kind: LLM_JUDGE is TEMPLATE; Assay's other kinds keep their names. */
  static String type(EvaluatorKind kind) {
    return kind == EvaluatorKind.LLM_JUDGE ? "TEMPLATE" : kind.name();
  }

  static Evaluator of(EvaluatorDefinition e) {
    return new Evaluator(ApiIds.encode(TYPE, e.id()), e.name(), e.description(), type(e.kind()),
        ApiIds.encode(SpaceController.TYPE, e.spaceId()), e.createdAt(), e.updatedAt(), null);
  }

  static WithVersion of(EvaluatorWithVersion ev) {
    Evaluator e = of(ev.evaluator());
    return new WithVersion(e.id(), e.name(), e.description(), e.type(), e.spaceId(), e.createdAt(), e.updatedAt(), null,
        of(ev.version()));
  }

  static Version of(EvaluatorVersion v) {
    EvaluatorSpec spec = EvaluatorService.masked(v.spec());
    return new Version(ApiIds.encode(VERSION_TYPE, v.id()), ApiIds.encode(TYPE, v.evaluatorId()), v.commitHash(),
        v.commitMessage(), v.createdAt(), null, type(spec.kind()), v.version(), specTree(spec),
        spec instanceof JudgeSpec j ? templateConfig(j) : null, spec instanceof CodeSpec c ? codeConfig(c) : null);
  }

  /** The spec as shown: secrets masked, the model config id as an AiIntegration id (what the integrations API shows). */
  static JsonNode specTree(EvaluatorSpec spec) {
    JsonNode tree = EvaluatorSpecJson.tree(EvaluatorService.masked(spec));
    if (tree.path("model").hasNonNull("model_config_id")) {
      ((ObjectNode) tree.get("model")).put("model_config_id",
          ApiIds.encode(AiIntegrationJson.TYPE, tree.get("model").get("model_config_id").asText()));
    }
    return tree;
  }

  private static TemplateConfig templateConfig(JudgeSpec j) {
    String template = j.messages().stream().map(TemplateMessage::content).collect(Collectors.joining("\n\n"));
    ModelRef m = j.model();
    LlmConfig llm = m == null ? new LlmConfig("", "", Map.of(), Map.of())
        : new LlmConfig(m.modelConfigId() == null ? "" : ApiIds.encode(AiIntegrationJson.TYPE, m.modelConfigId()),
            m.modelName() == null ? "" : m.modelName(), m.invocationParameters(), Map.of());
    return new TemplateConfig(j.name(), template, j.includeExplanation(), j.useFunctionCalling(), j.useStructuredOutput(),
        j.rails(), j.direction().name(), j.granularity().name(), llm);
  }

  private static CodeConfig codeConfig(CodeSpec c) {
    List<StaticParam> params = new ArrayList<>();
    c.params().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(p -> {
      Object value = p.getValue();
      String type = value instanceof List<?> ? "STRING_ARRAY"
          : c.check() == CodeCheck.MATCHES_REGEX && p.getKey().equals("pattern") ? "REGEX" : "STRING";
      params.add(new StaticParam(p.getKey(), type, value instanceof List<?> list
          ? list.stream().map(String::valueOf).toList() : String.valueOf(value)));
    });
    return new CodeConfig("MANAGED", c.name(), c.check().name(), c.variables(), params, c.granularity().name());
  }
}
