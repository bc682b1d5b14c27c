/**
 * One URL segment: percent-encoded where a path needs it, but keeping the characters a segment may hold
 * as they are (API ids are base64 and end in `=`; `/projects/UHJv…=/traces` stays readable).
 */
export function segment(value: string): string {
  return encodeURIComponent(value).replace(/%(3D|3A|40|2C|3B|2B|24|26|21|27|28|29|2A)/gi, (escaped) =>
    decodeURIComponent(escaped),
  );
}

/** The URL of one area (`traces`, `sessions`) of a project. */
export function projectPath(projectId: string, area: string): string {
  return `/projects/${segment(projectId)}/${area}`;
}

/** The URL of one trace, with a span selected when given. */
export function tracePath(projectId: string, traceId: string, spanId?: string): string {
  const base = `${projectPath(projectId, "traces")}/${segment(traceId)}`;
  return spanId ? `${base}?span=${segment(spanId)}` : base;
}

/** The URL of one session's conversation. */
export function sessionPath(projectId: string, sessionId: string): string {
  return `${projectPath(projectId, "sessions")}/${segment(sessionId)}`;
}

/** The URL of one saved evaluator's edit page. */
export function evaluatorPath(evaluatorId: string): string {
  return `/evaluators/${segment(evaluatorId)}`;
}

/** The URL of the create form, started from a judge template when given. */
export function newEvaluatorPath(templateId?: string): string {
  return templateId ? `/evaluators/new?template=${segment(templateId)}` : "/evaluators/new";
}

/** The URL of one task of a project (its runs); `edit` for its form. */
export function taskPath(projectId: string, taskId: string, edit = false): string {
  return `${projectPath(projectId, "tasks")}/${segment(taskId)}${edit ? "/edit" : ""}`;
}

/** The URL of the form that creates a task in a project. */
export function newTaskPath(projectId: string): string {
  return `${projectPath(projectId, "tasks")}/new`;
}

/** The URL of one dataset, at a version and split when given. */
export function datasetPath(datasetId: string, versionId?: string): string {
  const base = `/datasets/${segment(datasetId)}`;
  return versionId ? `${base}?version=${segment(versionId)}` : base;
}

/** The URL of one prompt, with a version selected when given. */
export function promptPath(promptId: string, versionId?: string): string {
  const base = `/prompts/${segment(promptId)}`;
  return versionId ? `${base}?version=${segment(versionId)}` : base;
}

/** The editor of a new version of a prompt (from a version when given), or of a new prompt. */
export function newPromptVersionPath(promptId?: string, fromVersionId?: string): string {
  if (!promptId) return "/prompts/new";
  const base = `/prompts/${segment(promptId)}/new-version`;
  return fromVersionId ? `${base}?from=${segment(fromVersionId)}` : base;
}

/** The experiments list, of one dataset when given. */
export function experimentsPath(datasetId?: string): string {
  return datasetId ? `/experiments?dataset=${segment(datasetId)}` : "/experiments";
}

/** The URL of one experiment's page. */
export function experimentPath(experimentId: string): string {
  return `/experiments/${segment(experimentId)}`;
}

/** The compare view of an experiment against a baseline (chosen on the page when not given). */
export function comparePath(experimentId: string, baselineId?: string): string {
  const base = `${experimentPath(experimentId)}/compare`;
  return baselineId ? `${base}?baseline=${segment(baselineId)}` : base;
}
