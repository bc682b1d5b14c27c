package dev.assay.query;

import dev.assay.shared.InvalidInputException;

/**
 * A filter that does not parse, with where and why: the message reads like
 * {@code at column 23: expected a value after '=', found end of input}. Adapters map it as any
 * {@link InvalidInputException} (HTTP 400, CLI usage error).
 */
public final class FilterParseException extends InvalidInputException {
  private final int position;
  private final String expected;
  private final String found;

  /**
   * @param position 1-based column of the offending character in the filter text
   * @param expected what the parser needed there, as words ("a value after '='")
   * @param found what it got instead ("end of input", "string 'abc'")
   */
  public FilterParseException(int position, String expected, String found) {
    super("at column " + position + ": expected " + expected + ", found " + found);
    this.position = position;
    this.expected = expected;
    this.found = found;
  }

  /** 1-based column of the problem. */
  public int position() {
    return position;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
