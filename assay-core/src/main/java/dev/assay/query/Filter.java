package dev.assay.query;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a span filter: one tree for every front-end (today the SQL-like syntax Arize AX
 * users type, read by {@link FilterParser}) and every consumer (UI filter bars, tasks, monitors,
 * exports, the CLI), compiled to SQL by {@link FilterCompiler}.
 *
 * <p>Null semantics are SQL's for the predicates: a comparison, {@code IN}, {@code LIKE} or
 * {@code CONTAINS} never matches a span where the field is missing, so {@code x != 'a'} and
 * {@code x NOT IN ('a')} do not match spans without {@code x} (as in Phoenix, whose filters compile to
 * SQL the same way). {@link Not} is different: it is the complement, matching exactly the spans its
 * operand does not match, so {@code NOT x = 'a'} does match spans without {@code x}.
 */
public sealed interface Filter
    permits Filter.And, Filter.Or, Filter.Not, Filter.Compare, Filter.In, Filter.Contains, Filter.Like, Filter.IsNull {

  /** Every operand matches; at least two operands. */
  record And(List<Filter> operands) implements Filter {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** At least one operand matches; at least two operands. */
  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** The spans the operand does not match (including those where it is unknown because a field is missing). */
  record Not(Filter operand) implements Filter {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code field op value}. */
  record Compare(Field field, Op op, Literal value) implements Filter {
    public Compare {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code field [NOT] IN (values…)}; the values are all of one kind (all text, all numbers or all booleans). */
  record In(Field field, List<Literal> values, boolean negated) implements Filter {
    public In {
      Objects.requireNonNull(field, "field");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("IN needs at least one value");
      }
    }
  }

  /** {@code field [NOT] CONTAINS 'text'}: a case-sensitive substring test; no wildcards. */
  record Contains(Field field, String text, boolean negated) implements Filter {
    public Contains {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(text, "text");
    }
  }

  /** {@code field [NOT] LIKE 'pattern'}: SQL LIKE, case-sensitive, {@code %} any run and {@code _} one character. */
  record Like(Field field, String pattern, boolean negated) implements Filter {
    public Like {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** {@code field IS [NOT] NULL}: the field is missing (or JSON null). */
  record IsNull(Field field, boolean negated) implements Filter {
    public IsNull {
      Objects.requireNonNull(field, "field");
    }
  }

  /** Comparison operators; {@link #sql} is the SQL spelling. */
  enum Op {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String sql;

    Op(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }
}
