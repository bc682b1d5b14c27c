package dev.assay.eval;

/**
 * The built-in code evaluators (DESIGN §1). AX's managed evaluators are the first five, under the same
 * names. Each reads the variables and parameters documented in {@code CodeEvaluators}.
 */
public enum CodeCheck {
  MATCHES_REGEX, JSON_PARSEABLE, CONTAINS_ANY_KEYWORD, CONTAINS_ALL_KEYWORDS, EXACT_MATCH,
  JSON_SCHEMA, JSON_DISTANCE, LEVENSHTEIN, NUMERIC_TOLERANCE, BLEU, ROUGE,
  LATENCY_THRESHOLD, COST_THRESHOLD, TOKEN_THRESHOLD, TOOL_CALLED, TOOL_ARGS_MATCH
}
