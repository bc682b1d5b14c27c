package dev.assay.eval;

/**
 * A template variable (or a check's input) that cannot be bound on one subject: the field is empty on it,
 * the path names nothing, or the JSONPath does not parse. The message names the variable and says why.
 */
public class UnboundVariableException extends EvaluationException {
  private final String variable;

  public UnboundVariableException(String variable, String reason) {
    super("variable '" + variable + "' cannot be bound: " + reason);
    this.variable = variable;
  }

  /** The variable that could not be bound. */
  public String variable() {
    return variable;
  }
}
