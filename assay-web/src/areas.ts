/**
 * The areas of the UI, in navigation order. Areas that are not built yet say so, and list what they
 * will hold; none of them shows made-up data.
 */
export interface Area {
  /** URL segment: `/projects/:id/<key>` for project areas, `/<key>` for global ones. */
  key: string;
  title: string;
  scope: "project" | "global";
  summary: string;
  /** What the area will offer once built. */
  planned: string[];
}

export const AREAS: Area[] = [
  {
    key: "traces", title: "Traces", scope: "project",
    summary: "The traces and spans of this project, as your application sent them over OTLP.",
    planned: [], // built: TracesPage and TracePage
  },
  {
    key: "sessions", title: "Sessions", scope: "project",
    summary: "Conversations: the traces of this project that share a session.id.",
    planned: [], // built: SessionsPage and SessionPage
  },
  {
    key: "tasks", title: "Tasks", scope: "project",
    summary: "Evaluators bound to this project with a filter and a sampling rate: continuous on new data, or backfill runs over a window.",
    planned: [], // built: TasksPage, TaskEditPage and TaskPage
  },
  {
    key: "evaluators", title: "Evaluators", scope: "global",
    summary: "Versioned definitions that score spans, traces, sessions and experiment runs.",
    planned: [], // built: EvaluatorsPage and EvaluatorEditPage
  },
  {
    key: "models", title: "Models", scope: "global",
    summary: "Model providers the LLM judges call: base URL, model names, an encrypted API key and rate limits.",
    planned: [], // built: ModelsPage
  },
  {
    key: "datasets", title: "Datasets", scope: "global",
    summary: "Versioned collections of examples: inputs, reference outputs and metadata.",
    planned: [], // built: DatasetsPage and DatasetPage
  },
  {
    key: "experiments", title: "Experiments", scope: "global",
    summary: "A task run over a dataset and scored by evaluators, compared against a baseline.",
    planned: [], // built: ExperimentsPage, ExperimentPage and ComparePage
  },
  {
    key: "prompts", title: "Prompts", scope: "global",
    summary: "Prompt templates with immutable versions and labels.",
    planned: [], // built: PromptsPage, PromptPage (with the playground) and PromptEditPage
  },
  {
    key: "review", title: "Review", scope: "global",
    summary: "Annotation queues where people label what the judges found.",
    planned: ["Annotation configs and queues", "Keyboard-driven review", "Judge-versus-human agreement"],
  },
  {
    key: "monitors", title: "Monitors", scope: "global",
    summary: "Metrics over a filter and a window, checked on a schedule against thresholds.",
    planned: ["Static and dynamic thresholds", "OK, TRIGGERED and NO_DATA history", "Segmentation by attribute"],
  },
  {
    key: "alerts", title: "Alerts", scope: "global",
    summary: "What a triggered monitor sends, and where: webhooks, Slack, PagerDuty, agents.",
    planned: ["Notification channels", "Delivery log with retries"],
  },
  {
    key: "copilot", title: "Copilot", scope: "global",
    summary: "A conversational agent over the same services, proposing plans that you approve step by step.",
    planned: ["Find failure modes in traces", "Draft and test an evaluator", "Iterate a prompt against a metric"],
  },
  {
    key: "agents", title: "Agents", scope: "global",
    summary: "Triage agents started by alerts, writing findings for human review.",
    planned: ["Agent runs and their findings", "Proposed fixes tested in experiments"],
  },
  {
    key: "settings", title: "Settings", scope: "global",
    summary: "Spaces, API keys, model providers and other server settings.",
    planned: ["Spaces and projects", "API keys", "Model providers and token prices"],
  },
];

/**
 * The first URL segments of every page (`/projects/...`, `/evaluators`, ...). The build writes them to
 * `page-roots.txt` beside index.html; the server answers index.html only under these, so it never
 * shadows an API path. `login` and `setup` are the sign-in pages when authentication is on.
 */
export const PAGE_ROOTS: string[] = ["projects", "login", "setup", ...AREAS.filter((area) => area.scope === "global").map((area) => area.key)];

/** The one-line summary of an area, shown under its page title. */
export function areaSummary(key: string): string {
  return AREAS.find((area) => area.key === key)?.summary ?? "";
}
