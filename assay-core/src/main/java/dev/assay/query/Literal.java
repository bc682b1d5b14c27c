package dev.assay.query;

import java.util.Objects;

/** A constant in a filter. {@code NULL} is not a literal: it appears only in {@code IS [NOT] NULL}. */
public sealed interface Literal permits Literal.Text, Literal.Number, Literal.Bool {

  /** A quoted string, quotes removed and {@code ''} unescaped. */
  record Text(String value) implements Literal {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A finite number; integers and decimals alike compare as double precision. */
  record Number(double value) implements Literal {
    public Number {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("not a finite number: " + value);
      }
    }
  }

  /** {@code TRUE} or {@code FALSE}; matches JSON booleans in attributes. */
  record Bool(boolean value) implements Literal {}
}
