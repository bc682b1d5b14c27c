package dev.assay.cli.ci;

import java.util.List;

/** A bad assay.yaml: every problem found, each line starting {@code assay.yaml:LINE:COL:}. Exit code 2. */
public final class EvalConfigException extends RuntimeException {
  private final List<String> problems;

  public EvalConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
