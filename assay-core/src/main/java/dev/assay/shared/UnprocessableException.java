package dev.assay.shared;

/**
 * Well-formed input whose parts do not fit together (a version of another evaluator, evaluators of different
 * scopes): HTTP 422, as AX answers. Nothing was changed.
 */
public final class UnprocessableException extends InvalidInputException {
  public UnprocessableException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Unprocessable Content";
  }
}
