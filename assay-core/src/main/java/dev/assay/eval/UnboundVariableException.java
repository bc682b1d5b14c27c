package dev.assay.eval;

/** A template variable has no value for this subject; the message names the variable and why. */
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
