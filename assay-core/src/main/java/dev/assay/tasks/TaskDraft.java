package dev.assay.tasks;

import dev.assay.eval.SubjectKind;
import java.util.List;

/**
 * What a caller sends to create a task; {@link TaskService#create} validates it.
 *
 * @param projectRef the project's id or name
 * @param scope null to take the attached evaluators' granularity
 * @param samplingRate null for 1.0
 * @param continuous null for false
 */
public record TaskDraft(String name, String projectRef, TaskType type, SubjectKind scope, String queryFilter,
    Double samplingRate, Boolean continuous, List<TaskEvaluatorRef> evaluators) {}
