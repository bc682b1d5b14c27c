import { getEvaluator, listEvaluators, specOf, type EvaluatorType, type Granularity } from "../api/evaluators";
import { draftFromSpec, draftVariables } from "../evaluators/draft";

/**
 * The evaluators a task can attach, each with what the picker needs from its latest version: the
 * granularity (a task combines evaluators of one scope) and the variables a mapping binds. The list
 * does not carry specs, so each evaluator's latest version is read (in parallel).
 */
export interface CatalogEntry {
  id: string;
  name: string;
  type: EvaluatorType;
  granularity: Granularity;
  /** The variables the spec binds, in order; the mapping table's rows. */
  variables: string[];
  /** The spec's own mappings: the prefilled path of each variable (else the variable itself). */
  mappings: Record<string, string>;
}

/** How many evaluators the picker offers (the API's largest page). */
const LIMIT = 100;

export async function loadCatalog(signal: AbortSignal): Promise<CatalogEntry[]> {
  const { evaluators } = await listEvaluators({ limit: LIMIT }, signal);
  return Promise.all(
    evaluators.map(async (e) => {
      const spec = specOf((await getEvaluator(e.id, signal)).version);
      return {
        id: e.id,
        name: e.name,
        type: e.type,
        granularity: spec.granularity ?? "SPAN",
        variables: draftVariables(draftFromSpec(spec)),
        mappings: spec.mappings ?? {},
      };
    }),
  );
}

/** The prefilled mapping of an evaluator: each variable to the spec's path for it, else to itself. */
export function defaultMappings(entry: CatalogEntry): Record<string, string> {
  return Object.fromEntries(entry.variables.map((v) => [v, entry.mappings[v] ?? v]));
}
