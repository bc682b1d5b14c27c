package dev.assay.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.store.Dialect;
import dev.assay.store.DuckDbDialect;
import dev.assay.store.PostgresDialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SQL shape and the guarantee that nothing the user typed reaches SQL text; results are checked in FilterContract. */
class FilterCompilerTest {
  private static final List<Dialect> DIALECTS = List.of(DuckDbDialect.INSTANCE, PostgresDialect.INSTANCE);

  private static String quoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String key(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "'; DROP TABLE spans; --",
      "x' OR '1'='1",
      "a\" OR 1=1 --",
      "/* comment */ evil",
      "-- evil",
      "$$evil$$",
      "\\' OR 1=1 evil",
      ":evil_bind",
      "<evil_define>",
      "evil?param",
      "evil); DELETE FROM evaluations WHERE (1=1",
      "ü🚀 evil\nline"})
  void userText_inLiteralsKeysAndEvalNames_isBoundNeverWrittenIntoSql(String payload) {
    List<String> filters = List.of(
        "name = " + quoted(payload),
        "status_message != " + quoted(payload) + " OR name IN (" + quoted(payload) + ", 'b')",
        "input_value CONTAINS " + quoted(payload) + " AND NOT output_value LIKE " + quoted(payload),
        "attributes." + key(payload) + " = " + quoted(payload),
        "attributes." + key(payload) + " > 3",
        "metadata." + key(payload) + " IS NOT NULL",
        "evals." + key(payload) + ".label IN (" + quoted(payload) + ")",
        "evals." + key(payload) + ".score >= 0.5 AND evals." + key(payload) + ".label IS NULL");
    for (Dialect dialect : DIALECTS) {
      FilterCompiler compiler = new FilterCompiler(dialect);
      for (String text : filters) {
        Filter filter = FilterParser.parse(text);
        for (SqlFragment fragment : List.of(compiler.spans(filter, "s"), compiler.traces(filter, "t.trace_id", ":project"),
            compiler.sessions(filter, "x.session_id", "x.project_id"))) {
          assertFalse(fragment.sql().contains(payload), () -> dialect + " wrote user text into SQL: " + fragment);
          assertFalse(fragment.sql().contains("evil"), () -> dialect + " wrote user text into SQL: " + fragment);
          assertFalse(fragment.sql().contains(";"), () -> fragment.toString());
          String pointer = payload.replace("~", "~0").replace("/", "~1");
          assertTrue(fragment.binds().values().stream().map(Object::toString)
              .anyMatch(v -> v.contains(payload) || v.contains(pointer)), fragment::toString);
        }
      }
    }
  }

  @Test
  void spans_duckDb_columnAttributeAndEvalShapes() {
    SqlFragment f = new FilterCompiler(DuckDbDialect.INSTANCE).spans(FilterParser.parse(
        "status_code = 'ERROR' AND attributes.llm.temperature > 0.5 OR evals.correctness.label = 'incorrect'"), "s");
    assertEquals("((s.status_code = :qf_0 AND TRY_CAST(json_extract_string(s.attributes, :qf_1) AS DOUBLE) > :qf_2)"
        + " OR EXISTS (SELECT 1 FROM evaluations qf_e WHERE qf_e.project_id = s.project_id AND qf_e.target_kind = 'SPAN'"
        + " AND qf_e.target_id = s.span_id AND qf_e.name = :qf_3 AND qf_e.label = :qf_4))", f.sql());
    assertEquals(Map.of("qf_0", "ERROR", "qf_1", "/llm.temperature", "qf_2", 0.5, "qf_3", "correctness", "qf_4", "incorrect"),
        f.binds());
  }

  @Test
  void spans_postgres_keyIsBoundAsText_notAndLikeShapes() {
    SqlFragment f = new FilterCompiler(PostgresDialect.INSTANCE).spans(FilterParser.parse(
        "NOT metadata.tier = 'gold' AND name LIKE 'chat%'"), "sp", "w");
    assertEquals("(NOT COALESCE((sp.attributes ->> CAST(:w_0 AS TEXT)) = :w_1, FALSE) AND sp.name LIKE :w_2 ESCAPE :w_3)", f.sql());
    assertEquals(Map.of("w_0", "metadata.tier", "w_1", "gold", "w_2", "chat%", "w_3", "\\"), f.binds());
  }

  @Test
  void duckDbKeyParameter_isAJsonPointerEscapingTildeAndSlash() {
    assertEquals("/a~1b~0c.d\"e'", DuckDbDialect.INSTANCE.jsonKeyParameter("a/b~c.d\"e'"));
    assertEquals("a/b~c", PostgresDialect.INSTANCE.jsonKeyParameter("a/b~c"));
  }

  @Test
  void traceAndSessionLifts_wrapTheSpanCondition() {
    FilterCompiler compiler = new FilterCompiler(DuckDbDialect.INSTANCE);
    Filter filter = FilterParser.parse("status_code = 'ERROR'");
    assertEquals("t.trace_id IN (SELECT qf_s.trace_id FROM spans qf_s WHERE qf_s.project_id = :p AND qf_s.status_code = :qf_0)",
        compiler.traces(filter, "t.trace_id", ":p").sql());
    assertEquals("x.session_id IN (SELECT qf_st.session_id FROM session_traces qf_st WHERE qf_st.project_id = :p AND "
        + "qf_st.trace_id IN (SELECT qf_s.trace_id FROM spans qf_s WHERE qf_s.project_id = qf_st.project_id"
        + " AND qf_s.status_code = :qf_0))", compiler.sessions(filter, "x.session_id", ":p").sql());
  }

  @Test
  void callerSuppliedSqlNames_areCheckedSoUserTextCannotSlipInThere() {
    FilterCompiler compiler = new FilterCompiler(DuckDbDialect.INSTANCE);
    Filter filter = FilterParser.parse("name = 'a'");
    assertThrows(IllegalArgumentException.class, () -> compiler.spans(filter, "s; DROP TABLE spans"));
    assertThrows(IllegalArgumentException.class, () -> compiler.spans(filter, "s", "p-1"));
    assertThrows(IllegalArgumentException.class, () -> compiler.traces(filter, "t.trace_id OR 1=1", ":p"));
  }
}
