package dev.assay.tasks;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluatorDefinition;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.EvaluatorVersion;
import dev.assay.eval.Evaluators;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.SubjectKind;
import dev.assay.projects.Project;
import dev.assay.query.FilterParseException;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.UnprocessableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks a task's fields pass before anything is stored (so a bad request changes nothing). */
final class TaskChecks {
  static final int MAX_NAME = 256;

  private TaskChecks() {}

  /** The evaluators, resolved and checked, with the scope and type they give the task. */
  record CheckedEvaluators(List<TaskEvaluatorRef> refs, SubjectKind scope, TaskType type) {}

  static String name(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name must not be blank");
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME) {
      throw new InvalidInputException("name must be at most " + MAX_NAME + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name must not contain control characters");
    }
    return stripped;
  }

  static double samplingRate(Double rate) {
    if (rate == null) {
      return 1.0;
    }
    if (!Double.isFinite(rate) || rate < 0 || rate > 1) {
      throw new InvalidInputException("sampling_rate must be between 0 and 1, got " + rate);
    }
    return rate;
  }

  /** The filter text stripped (null when blank), after checking it parses. */
  static String filter(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      FilterParser.parse(text);
    } catch (FilterParseException e) {
      throw new InvalidInputException(field + " does not parse: " + e.getMessage());
    }
    return text.strip();
  }

  static SubjectKind targetScope(SubjectKind scope) {
    if (scope == SubjectKind.EXAMPLE) {
      throw new InvalidInputException("scope EXAMPLE belongs to dataset tasks (not yet available); use SPAN, TRACE,"
          + " TRAJECTORY or SESSION");
    }
    return scope;
  }

  /**
   * Resolves and checks the evaluators: at least one, each visible and in the project's space (by id, or by name
   * in that space), a pinned version of that evaluator, none twice, one granularity shared by all and equal to
   * {@code requestedScope} when given, filters that parse and column mappings that name fields or valid paths.
   */
  static CheckedEvaluators evaluators(EvaluatorService evaluators, AccessScope scope, Project project,
      List<TaskEvaluatorRef> refs, SubjectKind requestedScope) {
    targetScope(requestedScope);
    if (refs == null || refs.isEmpty()) {
      throw new InvalidInputException("evaluators must name at least one evaluator");
    }
    for (int i = 0; i < refs.size(); i++) { // everything checkable without reads first
      TaskEvaluatorRef ref = refs.get(i);
      if (ref == null || ref.evaluatorId() == null || ref.evaluatorId().isBlank()) {
        throw new InvalidInputException("evaluators[" + i + "].evaluator_id is required");
      }
      filter(ref.queryFilter(), "evaluators[" + i + "].query_filter");
      Evaluators.checkMappings(ref.columnMappings(), "evaluators[" + i + "].column_mappings");
    }
    List<TaskEvaluatorRef> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, SubjectKind> granularities = new LinkedHashMap<>();
    boolean anyJudge = false;
    for (int i = 0; i < refs.size(); i++) {
      TaskEvaluatorRef ref = refs.get(i);
      EvaluatorDefinition def = evaluators.definition(scope, ref.evaluatorId().strip(), project.spaceId());
      if (!def.spaceId().equals(project.spaceId())) {
        throw new UnprocessableException("evaluators[" + i + "]: evaluator '" + def.name() + "' is in another space"
            + " than the project; attach evaluators of the project's space");
      }
      if (!seen.add(def.id())) {
        throw new InvalidInputException("evaluators[" + i + "]: evaluator '" + def.name() + "' is attached twice");
      }
      String versionId = ref.evaluatorVersionId() == null || ref.evaluatorVersionId().isBlank() ? null
          : ref.evaluatorVersionId().strip();
      EvaluatorSpec spec;
      if (versionId != null) {
        EvaluatorVersion version = evaluators.getVersion(scope, versionId);
        if (!version.evaluatorId().equals(def.id())) {
          throw new UnprocessableException("evaluators[" + i + "]: version " + versionId + " belongs to another"
              + " evaluator than '" + def.name() + "'");
        }
        spec = version.spec();
      } else {
        spec = evaluators.get(scope, def.id(), null, null).version().spec();
      }
      anyJudge |= spec instanceof JudgeSpec;
      granularities.put(def.name(), spec.granularity());
      out.add(new TaskEvaluatorRef(def.id(), versionId, filter(ref.queryFilter(), "query_filter"),
          ref.columnMappings()));
    }
    Set<SubjectKind> kinds = new HashSet<>(granularities.values());
    if (kinds.size() > 1) {
      throw new UnprocessableException("the evaluators work on different scopes (" + describe(granularities)
          + "); a task evaluates one scope: attach evaluators of one granularity");
    }
    SubjectKind granularity = kinds.iterator().next();
    if (requestedScope != null && requestedScope != granularity) {
      throw new UnprocessableException("the task's scope is " + requestedScope + " but its evaluators evaluate "
          + granularity + " (" + describe(granularities) + ")");
    }
    if (granularity == SubjectKind.EXAMPLE) {
      throw new UnprocessableException("the evaluators evaluate dataset examples (EXAMPLE); tasks over a project"
          + " evaluate SPAN, TRACE, TRAJECTORY or SESSION");
    }
    return new CheckedEvaluators(out, granularity, anyJudge ? TaskType.TEMPLATE_EVALUATION : TaskType.CODE_EVALUATION);
  }

  private static String describe(Map<String, SubjectKind> granularities) {
    List<String> parts = new ArrayList<>();
    granularities.forEach((name, kind) -> parts.add("'" + name + "': " + kind));
    return String.join(", ", parts);
  }
}
