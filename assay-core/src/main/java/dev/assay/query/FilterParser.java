package dev.assay.query;

import dev.assay.query.Field.EvalPart;
import dev.assay.query.FilterLexer.Kind;
import dev.assay.query.FilterLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the SQL-like filter syntax Arize AX users type into a {@link Filter}.
 *
 * <pre>
 * filter    := or END
 * or        := and ( OR and )*
 * and       := not ( AND not )*
 * not       := NOT not | '(' or ')' | predicate
 * predicate := field ( op value | [NOT] IN '(' value (',' value)* ')' | [NOT] CONTAINS string
 *                    | [NOT] LIKE string | IS [NOT] NULL )
 * op        := '=' | '==' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * value     := string | number | TRUE | FALSE
 * field     := column | context.(trace_id|span_id|parent_id) | attributes.key | metadata.key
 *            | evals.name.(label|score)
 * </pre>
 *
 * Keywords are case-insensitive; strings are single-quoted with {@code ''} for a quote; key segments may
 * be double-quoted ({@code metadata."user tier"}). Precedence: NOT binds tighter than AND, AND tighter
 * than OR.
 *
 * <p>Hand-written recursive descent rather than ANTLR: the grammar is a dozen rules, errors must name
 * the exact column and what was expected there, and a generated parser would add a build step and a
 * runtime dependency for no gain.
 */
public final class FilterParser {
  /** Longest accepted filter text, in characters. */
  public static final int MAX_LENGTH = 10_000;
  /** Deepest nesting of parentheses and NOTs. */
  public static final int MAX_DEPTH = 32;
  /** Most values in one IN list. */
  public static final int MAX_IN_VALUES = 1_000;

  /**
   * AX spellings of attributes that Assay also keeps in a typed column (filled from the same attribute
   * at ingest): the column is indexed-friendly and typed, so the filter reads it instead of the JSON.
   */
  private static final Map<String, SpanColumn> ATTRIBUTE_COLUMNS = Map.ofEntries(
      Map.entry("openinference.span.kind", SpanColumn.SPAN_KIND),
      Map.entry("llm.model_name", SpanColumn.MODEL_NAME),
      Map.entry("llm.provider", SpanColumn.MODEL_PROVIDER),
      Map.entry("input.value", SpanColumn.INPUT_VALUE),
      Map.entry("output.value", SpanColumn.OUTPUT_VALUE),
      Map.entry("session.id", SpanColumn.SESSION_ID),
      Map.entry("user.id", SpanColumn.USER_ID),
      Map.entry("llm.token_count.prompt", SpanColumn.PROMPT_TOKENS),
      Map.entry("llm.token_count.completion", SpanColumn.COMPLETION_TOKENS),
      Map.entry("llm.token_count.total", SpanColumn.TOTAL_TOKENS),
      Map.entry("llm.cost.total", SpanColumn.COST_TOTAL),
      Map.entry("llm.cost.prompt", SpanColumn.COST_PROMPT),
      Map.entry("llm.cost.completion", SpanColumn.COST_COMPLETION),
      Map.entry("agent.name", SpanColumn.AGENT_NAME),
      Map.entry("llm.token_count.prompt_details.cache_read", SpanColumn.PROMPT_TOKENS_CACHE_READ),
      Map.entry("llm.token_count.prompt_details.cache_write", SpanColumn.PROMPT_TOKENS_CACHE_WRITE),
      Map.entry("llm.token_count.prompt_details.audio", SpanColumn.PROMPT_TOKENS_AUDIO),
      Map.entry("llm.token_count.completion_details.reasoning", SpanColumn.COMPLETION_TOKENS_REASONING),
      Map.entry("llm.token_count.completion_details.audio", SpanColumn.COMPLETION_TOKENS_AUDIO));

  private static final Map<String, SpanColumn> CONTEXT_COLUMNS = Map.of(
      "trace_id", SpanColumn.TRACE_ID, "span_id", SpanColumn.SPAN_ID, "parent_id", SpanColumn.PARENT_ID);

  private static final String FIELD_HELP =
      "a field (one of " + SpanColumn.names() + ", context.trace_id, context.span_id, attributes.<key>, "
          + "metadata.<key>, evals.<name>.label or evals.<name>.score)";

  private final List<Token> tokens;
  private int index;
  private int depth;

  private FilterParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The syntax tree of an optional filter: null when the text is null or blank (no filter), else {@link #parse}. */
  public static Filter parseOptional(String text) {
    return text == null || text.isBlank() ? null : parse(text);
  }

  /**
   * The filter's syntax tree.
   *
   * @throws FilterParseException with the column and what was expected, for any text that is not a filter
   *     (including an empty one) or exceeds {@link #MAX_LENGTH}, {@link #MAX_DEPTH} or {@link #MAX_IN_VALUES}
   */
  public static Filter parse(String text) {
    if (text == null) {
      throw new FilterParseException(1, "a filter", "end of input");
    }
    if (text.length() > MAX_LENGTH) {
      throw new FilterParseException(MAX_LENGTH + 1, "at most " + MAX_LENGTH + " characters", text.length() + " characters");
    }
    FilterParser parser = new FilterParser(FilterLexer.tokens(text));
    Filter filter = parser.or();
    Token end = parser.peek();
    if (end.kind() != Kind.END) {
      String expected = end.kind() == Kind.RPAREN ? "AND, OR or end of input (this ')' closes nothing)" : "AND, OR or end of input";
      throw new FilterParseException(end.column(), expected, end.describe());
    }
    return filter;
  }

  private Filter or() {
    List<Filter> operands = new ArrayList<>(List.of(and()));
    while (accept(Kind.KEYWORD, "OR")) {
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Filter.Or(operands);
  }

  private Filter and() {
    List<Filter> operands = new ArrayList<>(List.of(not()));
    while (accept(Kind.KEYWORD, "AND")) {
      operands.add(not());
    }
    return operands.size() == 1 ? operands.get(0) : new Filter.And(operands);
  }

  private Filter not() {
    Token t = peek();
    if (t.is(Kind.KEYWORD, "NOT") || t.kind() == Kind.LPAREN) {
      if (++depth > MAX_DEPTH) {
        throw new FilterParseException(t.column(), "at most " + MAX_DEPTH + " levels of parentheses and NOT", "more");
      }
      index++;
      Filter inner;
      if (t.kind() == Kind.LPAREN) {
        inner = or();
        expect(Kind.RPAREN, "')' to close the '(' at column " + t.column());
      } else {
        inner = new Filter.Not(not());
      }
      depth--;
      return inner;
    }
    return predicate();
  }

  private Filter predicate() {
    Token name = peek();
    if (name.kind() != Kind.FIELD) {
      throw new FilterParseException(name.column(), FIELD_HELP, name.describe());
    }
    index++;
    Field field = field(name);
    Token t = next();
    if (t.kind() == Kind.OPERATOR) {
      Filter.Op op = switch (t.text()) {
        case "=", "==" -> Filter.Op.EQ;
        case "!=", "<>" -> Filter.Op.NE;
        case "<" -> Filter.Op.LT;
        case "<=" -> Filter.Op.LE;
        case ">" -> Filter.Op.GT;
        default -> Filter.Op.GE;
      };
      return new Filter.Compare(field, op, value(field, name, "a value after '" + t.text() + "'"));
    }
    if (t.is(Kind.KEYWORD, "IS")) {
      boolean negated = accept(Kind.KEYWORD, "NOT");
      expect(Kind.KEYWORD, "NULL", negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
      return new Filter.IsNull(field, negated);
    }
    boolean negated = t.is(Kind.KEYWORD, "NOT");
    if (negated) {
      t = next();
    }
    if (t.is(Kind.KEYWORD, "IN")) {
      return in(field, name, negated);
    }
    if (t.is(Kind.KEYWORD, "CONTAINS") || t.is(Kind.KEYWORD, "LIKE")) {
      requireText(field, name, t);
      Token s = next();
      if (s.kind() != Kind.STRING) {
        throw new FilterParseException(s.column(), "a quoted string after " + t.text(), s.describe());
      }
      return t.text().equals("LIKE") ? new Filter.Like(field, s.text(), negated) : new Filter.Contains(field, s.text(), negated);
    }
    String expected = negated
        ? "IN, CONTAINS or LIKE after NOT"
        : "an operator (=, !=, <, <=, >, >=, IN, CONTAINS, LIKE, IS NULL) after '" + name.text() + "'";
    throw new FilterParseException(t.column(), expected, t.describe());
  }

  private Filter in(Field field, Token name, boolean negated) {
    expect(Kind.LPAREN, "'(' after IN");
    List<Literal> values = new ArrayList<>();
    do {
      Token at = peek();
      if (values.size() == MAX_IN_VALUES) {
        throw new FilterParseException(at.column(), "at most " + MAX_IN_VALUES + " values in an IN list", "more");
      }
      Literal value = value(field, name, values.isEmpty() ? "a value after '('" : "a value after ','");
      if (!values.isEmpty() && values.get(0).getClass() != value.getClass()) {
        throw new FilterParseException(at.column(), "a " + kindName(values.get(0)) + " like the list's first value", at.describe());
      }
      values.add(value);
    } while (accept(Kind.COMMA, ","));
    expect(Kind.RPAREN, "',' or ')' in the IN list");
    return new Filter.In(field, values, negated);
  }

  /** A literal, checked against the field's type when the field has one. */
  private Literal value(Field field, Token name, String expected) {
    Token t = next();
    Literal literal = switch (t.kind()) {
      case STRING -> new Literal.Text(t.text());
      case NUMBER -> number(t);
      case KEYWORD -> switch (t.text()) {
        case "TRUE" -> new Literal.Bool(true);
        case "FALSE" -> new Literal.Bool(false);
        case "NULL" -> throw new FilterParseException(t.column(), expected + " (compare with NULL using IS NULL)", "NULL");
        default -> throw new FilterParseException(t.column(), expected, t.describe());
      };
      default -> throw new FilterParseException(t.column(), expected, t.describe());
    };
    SpanColumn.Type type = typeOf(field);
    if (type == SpanColumn.Type.NUMBER && !(literal instanceof Literal.Number)) {
      throw new FilterParseException(t.column(), "a number (" + name.text() + " is a number)", t.describe());
    }
    if (type == SpanColumn.Type.TEXT && !(literal instanceof Literal.Text)) {
      throw new FilterParseException(t.column(), "a quoted string (" + name.text() + " is text)", t.describe());
    }
    return literal;
  }

  private static Literal number(Token t) {
    double value = Double.parseDouble(t.text());
    if (!Double.isFinite(value)) {
      throw new FilterParseException(t.column(), "a number within double precision", t.describe());
    }
    return new Literal.Number(value);
  }

  private static void requireText(Field field, Token name, Token op) {
    if (typeOf(field) == SpanColumn.Type.NUMBER) {
      throw new FilterParseException(name.column(), "a text field before " + op.text(), "'" + name.text() + "' (a number)");
    }
  }

  /** The field's type, or null when it depends on the span (attributes). */
  private static SpanColumn.Type typeOf(Field field) {
    return switch (field) {
      case Field.Column c -> c.column().type();
      case Field.Eval e -> e.part() == EvalPart.SCORE ? SpanColumn.Type.NUMBER : SpanColumn.Type.TEXT;
      case Field.Attribute a -> null;
    };
  }

  private static Field field(Token t) {
    List<String> segments = t.segments();
    String root = segments.get(0).toLowerCase(Locale.ROOT);
    String rest = String.join(".", segments.subList(1, segments.size()));
    if (segments.size() == 1) {
      return SpanColumn.byName(root).<Field>map(Field.Column::new)
          .orElseThrow(() -> new FilterParseException(t.column(), FIELD_HELP, t.describe()));
    }
    switch (root) {
      case "attributes" -> {
        SpanColumn typed = ATTRIBUTE_COLUMNS.get(rest);
        return typed != null ? new Field.Column(typed) : new Field.Attribute(rest);
      }
      case "metadata" -> {
        return new Field.Attribute("metadata." + rest);
      }
      case "context" -> {
        SpanColumn column = segments.size() == 2 ? CONTEXT_COLUMNS.get(rest.toLowerCase(Locale.ROOT)) : null;
        if (column == null) {
          throw new FilterParseException(t.column(), "context.trace_id, context.span_id or context.parent_id", t.describe());
        }
        return new Field.Column(column);
      }
      case "evals" -> {
        String last = segments.get(segments.size() - 1).toLowerCase(Locale.ROOT);
        if (segments.size() < 3 || !(last.equals("label") || last.equals("score"))) {
          throw new FilterParseException(t.column(), "evals.<name>.label or evals.<name>.score", t.describe());
        }
        String name = String.join(".", segments.subList(1, segments.size() - 1));
        return new Field.Eval(name, last.equals("label") ? EvalPart.LABEL : EvalPart.SCORE);
      }
      default -> throw new FilterParseException(t.column(), FIELD_HELP + " (attribute keys need the prefix, e.g. attributes." + t.text() + ")", t.describe());
    }
  }

  private static String kindName(Literal literal) {
    return switch (literal) {
      case Literal.Text x -> "quoted string";
      case Literal.Number x -> "number";
      case Literal.Bool x -> "boolean";
    };
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.END) {
      index++;
    }
    return t;
  }

  private boolean accept(Kind kind, String text) {
    if (peek().is(kind, text)) {
      index++;
      return true;
    }
    return false;
  }

  private void expect(Kind kind, String expected) {
    Token t = peek();
    if (t.kind() != kind) {
      throw new FilterParseException(t.column(), expected, t.describe());
    }
    index++;
  }

  private void expect(Kind kind, String text, String expected) {
    if (!accept(kind, text)) {
      throw new FilterParseException(peek().column(), expected, peek().describe());
    }
  }
}
