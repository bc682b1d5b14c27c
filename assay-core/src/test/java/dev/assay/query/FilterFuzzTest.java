package dev.assay.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.store.Dialect;
import dev.assay.store.DuckDbDialect;
import dev.assay.store.PostgresDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Generated filters, deterministic seeds: mutations of valid filters and random token soup. Every text either parses
 * and compiles to SQL that contains none of the typed text (every string, key and eval name carries the marker
 * {@code zq}, which no column, keyword or bind name has), or fails with {@link FilterParseException} at a column
 * inside the text. Nothing else may be thrown.
 */
class FilterFuzzTest {
  private static final List<Dialect> DIALECTS = List.of(DuckDbDialect.INSTANCE, PostgresDialect.INSTANCE);
  private static final List<String> VALID = List.of(
      "name = 'zq-a'",
      "span_kind = 'LLM' and latency_ms > 1500",
      "status_code = 'ERROR' or status_message CONTAINS 'zq timeout'",
      "model_name IN ('zq1', 'zq''2', 'gpt-4o') AND NOT prompt_tokens <= 3100",
      "attributes.\"zq key\" = 'zq-v' OR attributes.zqk > 3.5e2",
      "metadata.zq_tier IS NOT NULL and metadata.\"zq.user\" != 'zq'",
      "evals.zq_correct.label = 'zq-yes' and evals.\"zq judge\".score >= 0.5",
      "(input_value LIKE '%zq%' OR output_value NOT LIKE 'zq_%') AND context.trace_id = 'zq0af7'",
      "NOT (session_id = 'zq-s' OR user_id <> 'zq-u') and cost_total < 0.01",
      "context.span_id == 'zqb7ad' and context.parent_id is null",
      "attributes.llm.model_name = 'zq' and attributes.\"input.value\" contains 'zq'",
      "total_tokens > -5 and completion_tokens != 1e3 or cost_total = true");
  private static final List<String> SOUP = List.of("(", ")", "(", ")", "AND", "OR", "NOT", "and", "or", "not", "IN",
      "NOT IN", "CONTAINS", "LIKE", "IS", "NULL", "IS NOT NULL", "=", "==", "!=", "<>", "<", "<=", ">", ">=", ",",
      "'zq'", "'zq''s'", "'zq", "zq'", "\"zq\"", "\"zq", "1", "-2.5", "1e", "1e9", ".5", "9999999999999999999999",
      "TRUE", "false", "name", "span_kind", "latency_ms", "attributes.", "attributes.zq", "attributes.\"zq\"",
      "attributes.\"\"", "metadata.zq", "metadata", "evals.zq.label", "evals.zq.score", "evals.zq", "evals..label", "context.trace_id",
      "context.zq", ".", "..", ";", "--", "/*", "*/", "$$", ":zq", "?", "\\", "\u0000", "\u00e9", "🚀", "\n", "\t", " ");
  private static final String ALPHABET = "()'\",.=!<>-+e0123456789 _aAnNoOrRdDtTzq;:%\\\u0000é🚀\n";

  @Test
  void mutatedAndRandomFilters_parseAndCompileWithoutUserText_orFailWithAColumn() {
    Random random = new Random(8_2026_11_27L);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int inputs = 0;
    for (; inputs < 6_000; inputs++) {
      String text = switch (inputs % 3) {
        case 0 -> mutate(VALID.get(random.nextInt(VALID.size())), random, 1 + random.nextInt(4));
        case 1 -> soup(random);
        default -> mutate(soup(random), random, 1);
      };
      outcomes.merge(check(text, failures), 1, Integer::sum);
    }
    // Edges of the documented limits.
    for (String text : List.of("(".repeat(FilterParser.MAX_DEPTH + 1) + "name = 'zq'" + ")".repeat(FilterParser.MAX_DEPTH + 1),
        "NOT ".repeat(200) + "name = 'zq'", "name IN (" + "'zq',".repeat(FilterParser.MAX_IN_VALUES) + "'zq')",
        "name = '" + "zq".repeat(FilterParser.MAX_LENGTH) + "'", "", " ", "\u0000", "'", "\"", "attributes.\"\"")) {
      inputs++;
      outcomes.merge(check(text, failures), 1, Integer::sum);
    }
    System.out.println("FilterFuzzTest: " + inputs + " inputs, outcomes " + outcomes);
    assertTrue(failures.isEmpty(), failures.size() + " failures, e.g. " + failures.subList(0, Math.min(5, failures.size())));
    assertTrue(outcomes.getOrDefault("parsed", 0) > 100, "the mutations keep some filters valid: " + outcomes);
    assertTrue(outcomes.getOrDefault("parse error", 0) > 1_000, outcomes.toString());
  }

  @Test
  void aParseErrorNamesTheColumnOfTheProblem() {
    FilterParseException e = org.junit.jupiter.api.Assertions.assertThrows(FilterParseException.class,
        () -> FilterParser.parse("name = 'a' and and"));
    assertEquals(16, e.position());
  }

  /** "parsed" or "parse error"; anything else goes to {@code failures}. */
  private static String check(String text, List<String> failures) {
    Filter filter;
    try {
      filter = FilterParser.parse(text);
    } catch (FilterParseException e) {
      int max = Math.max(text.length() + 1, FilterParser.MAX_LENGTH + 1);
      if (e.position() < 1 || e.position() > max || !e.getMessage().startsWith("at column " + e.position() + ": ")) {
        failures.add("bad position " + e.position() + " (" + e.getMessage() + ") for " + show(text));
      }
      return "parse error";
    } catch (RuntimeException | StackOverflowError e) {
      failures.add(e + " for " + show(text));
      return "exception";
    }
    try {
      for (Dialect dialect : DIALECTS) {
        FilterCompiler compiler = new FilterCompiler(dialect);
        for (SqlFragment f : List.of(compiler.spans(filter, "s"), compiler.spansOfTraces(filter, "s"),
            compiler.traces(filter, "t.trace_id", ":project"), compiler.sessions(filter, "x.session_id", "x.project_id"))) {
          if (f.sql().toLowerCase(java.util.Locale.ROOT).contains("zq")) {
            failures.add(dialect + " wrote typed text into SQL: " + f.sql() + " for " + show(text));
          }
        }
      }
    } catch (RuntimeException e) {
      failures.add("compile: " + e + " for " + show(text));
      return "exception";
    }
    return "parsed";
  }

  private static String mutate(String text, Random random, int times) {
    StringBuilder b = new StringBuilder(text);
    for (int i = 0; i < times; i++) {
      int at = b.isEmpty() ? 0 : random.nextInt(b.length() + 1);
      switch (random.nextInt(6)) {
        case 0 -> { // delete a range
          if (!b.isEmpty()) {
            int from = Math.min(at, b.length() - 1);
            b.delete(from, Math.min(b.length(), from + 1 + random.nextInt(4)));
          }
        }
        case 1 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 2 -> b.insert(at, SOUP.get(random.nextInt(SOUP.size())));
        case 3 -> { // duplicate a slice
          int from = random.nextInt(b.length() + 1);
          int to = Math.min(b.length(), from + random.nextInt(12));
          b.insert(at, b.substring(from, to));
        }
        case 4 -> { // replace one char
          if (!b.isEmpty()) {
            b.setCharAt(Math.min(at, b.length() - 1), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
        default -> b.setLength(at); // truncate
      }
    }
    return b.toString();
  }

  private static String soup(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(14);
    for (int i = 0; i < n; i++) {
      b.append(SOUP.get(random.nextInt(SOUP.size()))).append(random.nextInt(4) == 0 ? "" : " ");
    }
    return b.toString();
  }

  private static String show(String text) {
    return "'" + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + "'";
  }
}
