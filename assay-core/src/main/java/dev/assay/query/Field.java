package dev.assay.query;

import java.util.Objects;

/** What a predicate tests: a typed span column, an attribute by its flattened key, or an evaluation result. */
public sealed interface Field permits Field.Column, Field.Attribute, Field.Eval {

  /** A typed column of {@code spans}. */
  record Column(SpanColumn column) implements Field {
    public Column {
      Objects.requireNonNull(column, "column");
    }
  }

  /**
   * An OpenInference attribute by its flattened dotted key, e.g. {@code llm.invocation_parameters}; metadata
   * fields are attributes under {@code metadata.} ({@code metadata.user_tier}). Its type is known only per
   * span, so the literal decides: numbers compare numerically, text and booleans as text.
   */
  record Attribute(String key) implements Field {
    public Attribute {
      Objects.requireNonNull(key, "key");
      if (key.isEmpty()) {
        throw new IllegalArgumentException("empty attribute key");
      }
    }
  }

  /** The label or score of the span's evaluations named {@code name}; a span matches if any such evaluation does. */
  record Eval(String name, EvalPart part) implements Field {
    public Eval {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(part, "part");
    }
  }

  /** Which result of an evaluation a filter reads. */
  enum EvalPart {
    LABEL, SCORE
  }
}
