package dev.assay.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.query.Field.EvalPart;
import dev.assay.query.Filter.And;
import dev.assay.query.Filter.Compare;
import dev.assay.query.Filter.Contains;
import dev.assay.query.Filter.In;
import dev.assay.query.Filter.IsNull;
import dev.assay.query.Filter.Like;
import dev.assay.query.Filter.Not;
import dev.assay.query.Filter.Op;
import dev.assay.query.Filter.Or;
import dev.assay.shared.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {
  private static final Field STATUS = new Field.Column(SpanColumn.STATUS_CODE);
  private static final Field LATENCY = new Field.Column(SpanColumn.LATENCY_MS);
  private static final Field NAME = new Field.Column(SpanColumn.NAME);

  private static Filter parse(String text) {
    return FilterParser.parse(text);
  }

  private static Compare eq(Field f, String text) {
    return new Compare(f, Op.EQ, new Literal.Text(text));
  }

  private static Compare cmp(Field f, Op op, double n) {
    return new Compare(f, op, new Literal.Number(n));
  }

  @Test
  void comparisons_everyOperatorAndSpelling() {
    assertEquals(eq(STATUS, "ERROR"), parse("status_code = 'ERROR'"));
    assertEquals(eq(STATUS, "ERROR"), parse("status_code=='ERROR'"));
    assertEquals(new Compare(STATUS, Op.NE, new Literal.Text("OK")), parse("status_code != 'OK'"));
    assertEquals(new Compare(STATUS, Op.NE, new Literal.Text("OK")), parse("status_code <> 'OK'"));
    assertEquals(cmp(LATENCY, Op.LT, 1), parse("latency_ms < 1"));
    assertEquals(cmp(LATENCY, Op.LE, 1), parse("latency_ms<=1"));
    assertEquals(cmp(LATENCY, Op.GT, 1000), parse("latency_ms > 1000"));
    assertEquals(cmp(LATENCY, Op.GE, 1000), parse("latency_ms >= 1000"));
  }

  @Test
  void numbers_negativeDecimalExponentAndLeadingDot() {
    assertEquals(cmp(LATENCY, Op.GT, -1.5), parse("latency_ms > -1.5"));
    assertEquals(cmp(LATENCY, Op.GT, 0.25), parse("latency_ms > .25"));
    assertEquals(cmp(LATENCY, Op.GT, -0.5), parse("latency_ms>-.5"));
    assertEquals(cmp(LATENCY, Op.GT, 1200), parse("latency_ms > 1.2e3"));
    assertEquals(cmp(LATENCY, Op.GT, 0.012), parse("latency_ms > 12E-3"));
    assertEquals(cmp(LATENCY, Op.EQ, 7), parse("latency_ms = 7."));
  }

  @Test
  void strings_doubledQuoteEscapesAndAnyCharacterInside() {
    assertEquals(eq(NAME, "it's"), parse("name = 'it''s'"));
    assertEquals(eq(NAME, ""), parse("name = ''"));
    assertEquals(eq(NAME, "a AND b OR (c) -- ; /* x */ \" é 🚀"), parse("name = 'a AND b OR (c) -- ; /* x */ \" é 🚀'"));
  }

  @Test
  void inContainsLikeIsNull_withNegations() {
    Field kind = new Field.Column(SpanColumn.SPAN_KIND);
    assertEquals(new In(kind, List.of(new Literal.Text("LLM"), new Literal.Text("AGENT")), false),
        parse("span_kind IN ('LLM', 'AGENT')"));
    assertEquals(new In(kind, List.of(new Literal.Text("LLM")), true), parse("span_kind not in ('LLM')"));
    assertEquals(new Contains(NAME, "chat", false), parse("name CONTAINS 'chat'"));
    assertEquals(new Contains(NAME, "chat", true), parse("name NOT CONTAINS 'chat'"));
    assertEquals(new Like(NAME, "chat%_", false), parse("name LIKE 'chat%_'"));
    assertEquals(new Like(NAME, "x", true), parse("name NOT LIKE 'x'"));
    Field parent = new Field.Column(SpanColumn.PARENT_ID);
    assertEquals(new IsNull(parent, false), parse("parent_id IS NULL"));
    assertEquals(new IsNull(parent, true), parse("parent_id is not null"));
  }

  @Test
  void precedence_notBindsTighterThanAnd_andTighterThanOr() {
    Filter a = eq(NAME, "a");
    Filter b = eq(NAME, "b");
    Filter c = eq(NAME, "c");
    assertEquals(new Or(List.of(a, new And(List.of(b, c)))), parse("name = 'a' OR name = 'b' AND name = 'c'"));
    assertEquals(new Or(List.of(new And(List.of(a, b)), c)), parse("name = 'a' AND name = 'b' OR name = 'c'"));
    assertEquals(new And(List.of(new Not(a), b)), parse("NOT name = 'a' AND name = 'b'"));
    assertEquals(new Not(new Not(a)), parse("NOT NOT name = 'a'"));
    assertEquals(new And(List.of(new Or(List.of(a, b)), c)), parse("(name = 'a' OR name = 'b') AND name = 'c'"));
    assertEquals(new Not(new Or(List.of(a, b))), parse("not (name = 'a' or name = 'b')"));
    assertEquals(new And(List.of(a, b, c)), parse("name = 'a' AND name = 'b' AND name = 'c'"));
    assertEquals(a, parse("((name = 'a'))"));
  }

  @Test
  void fields_columnsAliasesAttributesMetadataAndEvals() {
    assertEquals(eq(new Field.Column(SpanColumn.TRACE_ID), "t"), parse("context.trace_id = 't'"));
    assertEquals(eq(new Field.Column(SpanColumn.SPAN_ID), "s"), parse("context.span_id = 's'"));
    assertEquals(eq(new Field.Column(SpanColumn.SPAN_KIND), "LLM"), parse("attributes.openinference.span.kind = 'LLM'"));
    assertEquals(eq(new Field.Column(SpanColumn.MODEL_NAME), "gpt-4o"), parse("attributes.llm.model_name = 'gpt-4o'"));
    assertEquals(eq(new Field.Column(SpanColumn.INPUT_VALUE), "q"), parse("attributes.input.value = 'q'"));
    assertEquals(cmp(new Field.Column(SpanColumn.TOTAL_TOKENS), Op.GT, 10), parse("attributes.llm.token_count.total > 10"));
    assertEquals(cmp(new Field.Column(SpanColumn.COST_TOTAL), Op.GT, 0.5), parse("cost_total > 0.5"));
    assertEquals(eq(new Field.Attribute("llm.invocation_parameters"), "{}"), parse("attributes.llm.invocation_parameters = '{}'"));
    assertEquals(new Compare(new Field.Attribute("retry-count"), Op.GE, new Literal.Number(2)), parse("attributes.retry-count >= 2"));
    assertEquals(new Compare(new Field.Attribute("flag"), Op.EQ, new Literal.Bool(true)), parse("attributes.flag = TRUE"));
    assertEquals(eq(new Field.Attribute("metadata.user_tier"), "gold"), parse("metadata.user_tier = 'gold'"));
    assertEquals(eq(new Field.Attribute("metadata.user tier.\"x\""), "gold"), parse("metadata.\"user tier\".\"\"\"x\"\"\" = 'gold'"));
    assertEquals(eq(new Field.Eval("correctness", EvalPart.LABEL), "incorrect"), parse("evals.correctness.label = 'incorrect'"));
    assertEquals(cmp(new Field.Eval("qa.v2", EvalPart.SCORE), Op.LT, 0.5), parse("evals.qa.v2.score < 0.5"));
    assertEquals(cmp(new Field.Eval("my eval", EvalPart.SCORE), Op.LT, 0.5), parse("evals.\"my eval\".SCORE < 0.5"));
  }

  @Test
  void keywordsAndColumnNames_areCaseInsensitive() {
    assertEquals(parse("status_code = 'ERROR' AND latency_ms > 5"), parse("STATUS_CODE = 'ERROR' and Latency_Ms > 5"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "status_code =|at column 14: expected a value after '=', found end of input",
      "status_code = 'ERROR' AND|at column 26: expected a field (one of",
      "status_code = 'ERROR|at column 15: expected a closing ' for the quote opened here, found end of input",
      "(status_code = 'OK'|at column 20: expected ')' to close the '(' at column 1, found end of input",
      "status_code = 'OK')|at column 19: expected AND, OR or end of input (this ')' closes nothing), found ')'",
      "statuscode = 'OK'|at column 1: expected a field (one of name, span_kind, status_code",
      "llm.model_name = 'x'|(attribute keys need the prefix, e.g. attributes.llm.model_name), found 'llm.model_name'",
      "latency_ms > 'slow'|at column 14: expected a number (latency_ms is a number), found string 'slow'",
      "name = 42|at column 8: expected a quoted string (name is text), found number 42",
      "name = NULL|at column 8: expected a value after '=' (compare with NULL using IS NULL), found NULL",
      "parent_id IS 'x'|at column 14: expected NULL or NOT NULL after IS, found string 'x'",
      "name IN ('a' 'b')|at column 14: expected ',' or ')' in the IN list, found string 'b'",
      "name IN ()|at column 10: expected a value after '(', found ')'",
      "attributes.x IN ('a', 1)|at column 23: expected a quoted string like the list's first value, found number 1",
      "name CONTAINS chat|at column 15: expected a quoted string after CONTAINS, found 'chat'",
      "latency_ms LIKE '1%'|at column 1: expected a text field before LIKE, found 'latency_ms' (a number)",
      "name NOT = 'a'|at column 10: expected IN, CONTAINS or LIKE after NOT, found '='",
      "name 'a'|at column 6: expected an operator (=, !=, <, <=, >, >=, IN, CONTAINS, LIKE, IS NULL) after 'name', found string 'a'",
      "name = 'a' ; DROP TABLE spans|at column 12: expected a field, value, operator or parenthesis, found ';'",
      "attributes. = 1|at column 12: expected a key after '.', found ' '",
      "evals.correctness = 'x'|at column 1: expected evals.<name>.label or evals.<name>.score, found 'evals.correctness'",
      "context.user = 'x'|at column 1: expected context.trace_id, context.span_id or context.parent_id",
      "latency_ms > 1e|at column 16: expected digits of the exponent, found end of input",
      "latency_ms > 12ms|at column 16: expected a space or operator after the number, found 'm'",
      "latency_ms > 1e999|at column 14: expected a number within double precision, found number 1e999",
      "''|at column 1: expected a field (one of",
      "AND name = 'a'|at column 1: expected a field (one of",
  })
  void malformedInput_saysWhereAndWhatWasExpected(String input, String messagePart) {
    FilterParseException e = assertThrows(FilterParseException.class, () -> parse(input));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(messagePart), () -> "message was: " + e.getMessage());
  }

  @Test
  void parseError_carriesPositionExpectedAndFound_andIsInvalidInput() {
    FilterParseException e = assertThrows(FilterParseException.class, () -> parse("status_code = 'ERROR' AND latency_ms >"));
    assertEquals("at column 39: expected a value after '>', found end of input", e.getMessage());
    assertEquals(39, e.position());
    assertEquals("a value after '>'", e.expected());
    assertEquals("end of input", e.found());
    assertEquals(InvalidInputException.class, e.getClass().getSuperclass());
  }

  @Test
  void emptyAndBlankInput_areErrorsNotMatchAll() {
    assertEquals("at column 1: expected a filter, found end of input",
        assertThrows(FilterParseException.class, () -> parse(null)).getMessage());
    assertThrows(FilterParseException.class, () -> parse(""));
    assertEquals(4, assertThrows(FilterParseException.class, () -> parse("   ")).position());
  }

  @Test
  void limits_lengthDepthAndInListSize() {
    String longest = "name = '" + "x".repeat(FilterParser.MAX_LENGTH - 9) + "'";
    assertEquals(FilterParser.MAX_LENGTH, longest.length());
    parse(longest);
    FilterParseException tooLong = assertThrows(FilterParseException.class, () -> parse(longest + " "));
    assertEquals("at column 10001: expected at most 10000 characters, found 10001 characters", tooLong.getMessage());

    String deepest = "(".repeat(FilterParser.MAX_DEPTH) + "name = 'a'" + ")".repeat(FilterParser.MAX_DEPTH);
    parse(deepest);
    FilterParseException tooDeep = assertThrows(FilterParseException.class, () -> parse("(" + deepest + ")"));
    assertEquals("at column 33: expected at most 32 levels of parentheses and NOT, found more", tooDeep.getMessage());
    assertThrows(FilterParseException.class, () -> parse("NOT ".repeat(FilterParser.MAX_DEPTH + 1) + "name = 'a'"));

    String values = IntStream.range(0, FilterParser.MAX_IN_VALUES).mapToObj(Integer::toString).collect(Collectors.joining(","));
    assertEquals(FilterParser.MAX_IN_VALUES, ((In) parse("latency_ms IN (" + values + ")")).values().size());
    FilterParseException tooMany = assertThrows(FilterParseException.class, () -> parse("latency_ms IN (" + values + ",1)"));
    int column = ("latency_ms IN (" + values + ",").length() + 1;
    assertEquals("at column " + column + ": expected at most 1000 values in an IN list, found more", tooMany.getMessage());
  }

  @Test
  void parseOptional_readsBlankAsNoFilter_andParsesTheRest() {
    assertNull(FilterParser.parseOptional(null));
    assertNull(FilterParser.parseOptional("  "));
    assertEquals(FilterParser.parse("span_kind = 'LLM'"), FilterParser.parseOptional("span_kind = 'LLM'"));
    assertThrows(FilterParseException.class, () -> FilterParser.parseOptional("span_kind ="));
  }

  @Test
  void anEmptyQuotedKey_isAParseErrorAtItsQuote() {
    for (String text : List.of("attributes.\"\" = 'x'", "metadata.\"\" IS NULL", "evals.\"\".label = 'a'")) {
      FilterParseException e = assertThrows(FilterParseException.class, () -> parse(text));
      assertEquals(text.indexOf('"') + 1, e.position(), e.getMessage());
    }
  }
}
