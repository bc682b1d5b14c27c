package dev.assay.eval;

/**
 * One subject could not be evaluated. The message is shown to users as the result's error; {@code raw}
 * keeps what the evaluator got (a judge's raw response, a command's stderr) for the result's metadata.
 */
public class EvaluationException extends Exception {
  private final String raw;

  public EvaluationException(String message) {
    this(message, null, null);
  }

  public EvaluationException(String message, String raw) {
    this(message, raw, null);
  }

  public EvaluationException(String message, String raw, Throwable cause) {
    super(message, cause);
    this.raw = raw;
  }

  /** The raw response or stderr behind the failure, null when there is none. */
  public String raw() {
    return raw;
  }
}
