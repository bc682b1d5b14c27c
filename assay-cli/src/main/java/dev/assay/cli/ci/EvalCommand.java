package dev.assay.cli.ci;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assay eval -c assay.yaml}: the config-driven CI gate (branch wt/ci-gate). */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Run the experiments an assay.yaml describes and gate on their scores (standalone or --url).")
public final class EvalCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("contract: wt/ci-gate");
  }
}
