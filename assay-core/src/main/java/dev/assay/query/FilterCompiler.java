package dev.assay.query;

import dev.assay.query.Field.EvalPart;
import dev.assay.store.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles a {@link Filter} to a parameterised SQL condition for one dialect. Every literal and every
 * attribute key or evaluation name becomes a bound parameter named {@code <prefix>_<n>}; the SQL text
 * holds only column names from {@link SpanColumn}, the caller's aliases and operators.
 *
 * <p>Span scope ({@link #spans}) tests one row of {@code spans}. {@link #traces} and {@link #sessions}
 * lift it: a trace matches if any of its spans matches, a session if any span of any of its traces does.
 *
 * <p>Meaning of the predicates: {@code CONTAINS} is a case-sensitive substring test without wildcards;
 * {@code LIKE} is SQL LIKE, case-sensitive, with {@code \} as escape on both databases; a number compared
 * with an attribute compares numerically (non-numeric values never match), text and booleans compare
 * with the attribute's text; an evaluation predicate matches a span with at least one evaluation of that
 * name (target kind SPAN) whose label or score satisfies it, and {@code evals.x.label IS NULL} matches
 * spans with no such evaluation carrying a label. In trace scope ({@link #spansOfTraces}, {@link #traces})
 * the results on the span's trace (target kind TRACE) count as the span's too, so a trace-scoped task's
 * results filter the trace list. See {@link Filter} for NULL and NOT.
 */
public final class FilterCompiler {
  private static final Pattern ALIAS = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern SQL_REF = Pattern.compile(":?[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final String DEFAULT_PREFIX = "qf";

  private final Dialect dialect;

  public FilterCompiler(Dialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  /** The filter as a condition on the {@code spans} row aliased {@code alias}; binds named {@code qf_<n>}. */
  public SqlFragment spans(Filter filter, String alias) {
    return spans(filter, alias, DEFAULT_PREFIX);
  }

  /**
   * The filter as a condition on the {@code spans} row aliased {@code alias}.
   *
   * @param bindPrefix prefix of the generated bind names, so several fragments can share one statement
   */
  public SqlFragment spans(Filter filter, String alias, String bindPrefix) {
    return compile(filter, alias, bindPrefix, false);
  }

  /**
   * The filter as a condition on a span that stands for its trace: as {@link #spans}, but an evaluation
   * predicate also sees the results on the span's trace (a trace matches when any of its spans does).
   */
  public SqlFragment spansOfTraces(Filter filter, String alias) {
    return compile(filter, alias, DEFAULT_PREFIX, true);
  }

  private SqlFragment compile(Filter filter, String alias, String bindPrefix, boolean traceEvaluations) {
    Objects.requireNonNull(filter, "filter");
    Context ctx = new Context(checkName(alias, "alias"), checkName(bindPrefix, "bindPrefix"), traceEvaluations);
    String sql = ctx.compile(filter);
    return new SqlFragment(sql, ctx.binds);
  }

  /**
   * A condition true for traces with at least one matching span: {@code traceId IN (SELECT … FROM spans …)}.
   *
   * @param traceIdSql the outer trace id, e.g. {@code t.trace_id} (caller's SQL, never user text)
   * @param projectIdSql the project, e.g. {@code t.project_id} or a bind {@code :project}
   */
  public SqlFragment traces(Filter filter, String traceIdSql, String projectIdSql) {
    SqlFragment inner = spansOfTraces(filter, "qf_s");
    String sql = checkRef(traceIdSql) + " IN (SELECT qf_s.trace_id FROM spans qf_s WHERE qf_s.project_id = "
        + checkRef(projectIdSql) + " AND " + inner.sql() + ")";
    return new SqlFragment(sql, inner.binds());
  }

  /**
   * A condition true for sessions with at least one matching span in any of their traces (through
   * {@code session_traces}, so a session id set only on root spans still counts).
   */
  public SqlFragment sessions(Filter filter, String sessionIdSql, String projectIdSql) {
    SqlFragment traces = traces(filter, "qf_st.trace_id", "qf_st.project_id");
    String sql = checkRef(sessionIdSql) + " IN (SELECT qf_st.session_id FROM session_traces qf_st WHERE qf_st.project_id = "
        + checkRef(projectIdSql) + " AND " + traces.sql() + ")";
    return new SqlFragment(sql, traces.binds());
  }

  private static String checkName(String name, String what) {
    if (name == null || !ALIAS.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must be a lower-case SQL identifier: " + name);
    }
    return name;
  }

  private static String checkRef(String ref) {
    if (ref == null || !SQL_REF.matcher(ref).matches()) {
      throw new IllegalArgumentException("expected a column reference or :bind, got: " + ref);
    }
    return ref;
  }

  /** State of one compilation: the alias, the binds so far. */
  private final class Context {
    final String alias;
    final String prefix;
    /** Evaluation predicates also read the results on the span's trace. */
    final boolean traceEvaluations;
    final Map<String, Object> binds = new LinkedHashMap<>();

    Context(String alias, String prefix, boolean traceEvaluations) {
      this.alias = alias;
      this.prefix = prefix;
      this.traceEvaluations = traceEvaluations;
    }

    /** Binds a value, returning its {@code :name}. */
    String bind(Object value) {
      return ":" + bindName(value);
    }

    /** Binds a value, returning its bare name. */
    String bindName(Object value) {
      String name = prefix + "_" + binds.size();
      binds.put(name, value);
      return name;
    }

    String compile(Filter filter) {
      return switch (filter) {
        case Filter.And and -> join(and.operands(), " AND ");
        case Filter.Or or -> join(or.operands(), " OR ");
        case Filter.Not not -> "NOT COALESCE(" + compile(not.operand()) + ", FALSE)";
        case Filter.Compare c -> predicate(c.field(), c.value(), expr -> expr + " " + c.op().sql() + " " + bind(value(c.value())));
        case Filter.In in -> predicate(in.field(), in.values().get(0), expr -> expr + (in.negated() ? " NOT IN (" : " IN (")
            + in.values().stream().map(v -> bind(value(v))).collect(Collectors.joining(", ")) + ")");
        case Filter.Contains c -> predicate(c.field(), null,
            expr -> "strpos(" + expr + ", " + bind(c.text()) + (c.negated() ? ") = 0" : ") > 0"));
        case Filter.Like l -> predicate(l.field(), null,
            // The escape character is bound too: a literal '\' made Jdbi's parameter lexer read everything up to the
            // next quote as one string, so a second LIKE's parameter was never bound (a 500 for two LIKEs).
            expr -> expr + (l.negated() ? " NOT LIKE " : " LIKE ") + bind(l.pattern()) + " ESCAPE " + bind("\\"));
        case Filter.IsNull n -> isNull(n);
      };
    }

    private String join(List<Filter> operands, String operator) {
      return operands.stream().map(this::compile).collect(Collectors.joining(operator, "(", ")"));
    }

    /** A predicate over the field's SQL expression; a literal of kind Number makes attributes numeric. */
    private String predicate(Field field, Literal literal, Function<String, String> test) {
      return switch (field) {
        case Field.Column c -> test.apply(alias + "." + c.column().sqlName());
        case Field.Attribute a -> {
          String text = dialect.jsonTextAt(alias + ".attributes", bindName(dialect.jsonKeyParameter(a.key())));
          yield test.apply(literal instanceof Literal.Number ? dialect.tryCastDouble(text) : text);
        }
        case Field.Eval e -> "EXISTS (" + evaluations(e) + " AND " + test.apply(evalColumn(e)) + ")";
      };
    }

    private String isNull(Filter.IsNull n) {
      if (n.field() instanceof Field.Eval e) {
        return (n.negated() ? "EXISTS (" : "NOT EXISTS (") + evaluations(e) + " AND " + evalColumn(e) + " IS NOT NULL)";
      }
      return predicate(n.field(), null, expr -> expr + (n.negated() ? " IS NOT NULL" : " IS NULL"));
    }

    private String evaluations(Field.Eval e) {
      String target = "qf_e.target_kind = 'SPAN' AND qf_e.target_id = " + alias + ".span_id";
      if (traceEvaluations) {
        target = "((" + target + ") OR (qf_e.target_kind = 'TRACE' AND qf_e.target_id = " + alias + ".trace_id))";
      }
      return "SELECT 1 FROM evaluations qf_e WHERE qf_e.project_id = " + alias + ".project_id"
          + " AND " + target + " AND qf_e.name = " + bind(e.name());
    }

    private static String evalColumn(Field.Eval e) {
      return e.part() == EvalPart.SCORE ? "qf_e.score" : "qf_e.label";
    }

    private static Object value(Literal literal) {
      return switch (literal) {
        case Literal.Text t -> t.value();
        case Literal.Number n -> n.value();
        case Literal.Bool b -> Boolean.toString(b.value());
      };
    }
  }
}
