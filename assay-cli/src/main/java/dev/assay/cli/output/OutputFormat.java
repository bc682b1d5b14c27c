package dev.assay.cli.output;

import java.util.Locale;

/** How a command prints its results ({@code -o/--output}). Shown and accepted in lower case. */
public enum OutputFormat {
  /** Aligned columns for a person at a terminal. */
  TABLE,
  /** Pretty-printed JSON: an array for lists, an object for one resource. */
  JSON,
  /** One compact JSON object per line. */
  JSONL,
  /** RFC 4180: a header row, then one row per resource, CRLF line ends. */
  CSV;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
