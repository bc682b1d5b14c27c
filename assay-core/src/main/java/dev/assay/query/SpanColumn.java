package dev.assay.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code spans} columns a filter may name directly. Names are constants, so the compiler may write
 * them into SQL; nothing a user types is ever written there.
 */
public enum SpanColumn {
  NAME(Type.TEXT),
  SPAN_KIND(Type.TEXT),
  STATUS_CODE(Type.TEXT),
  STATUS_MESSAGE(Type.TEXT),
  LATENCY_MS(Type.NUMBER),
  START_TIME(Type.NUMBER),
  END_TIME(Type.NUMBER),
  TRACE_ID(Type.TEXT),
  SPAN_ID(Type.TEXT),
  PARENT_ID(Type.TEXT),
  SESSION_ID(Type.TEXT),
  USER_ID(Type.TEXT),
  INPUT_VALUE(Type.TEXT),
  OUTPUT_VALUE(Type.TEXT),
  MODEL_NAME(Type.TEXT),
  MODEL_PROVIDER(Type.TEXT),
  PROMPT_TOKENS(Type.NUMBER),
  COMPLETION_TOKENS(Type.NUMBER),
  TOTAL_TOKENS(Type.NUMBER),
  COST_TOTAL(Type.NUMBER),
  // Added by the span model (V002); the columns are nullable, NULL for spans stored before it.
  AGENT_NAME(Type.TEXT),
  PROMPT_TOKENS_CACHE_READ(Type.NUMBER),
  PROMPT_TOKENS_CACHE_WRITE(Type.NUMBER),
  PROMPT_TOKENS_AUDIO(Type.NUMBER),
  COMPLETION_TOKENS_REASONING(Type.NUMBER),
  COMPLETION_TOKENS_AUDIO(Type.NUMBER),
  COST_PROMPT(Type.NUMBER),
  COST_COMPLETION(Type.NUMBER);

  /** How a column compares: text with quoted strings, numbers with numbers. */
  public enum Type {
    TEXT, NUMBER
  }

  private final Type type;

  SpanColumn(Type type) {
    this.type = type;
  }

  public Type type() {
    return type;
  }

  /** The column's name in filters and in SQL, e.g. {@code latency_ms}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The column a filter names, matched case-insensitively. */
  public static Optional<SpanColumn> byName(String name) {
    return Arrays.stream(values()).filter(c -> c.sqlName().equalsIgnoreCase(name)).findFirst();
  }

  /** Every column name, comma-separated, for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(SpanColumn::sqlName).collect(Collectors.joining(", "));
  }
}
