package dev.assay.experiments;

import java.util.List;

/** A gate's verdict: passed when every check passed. {@code cases} feed JUnit XML and summaries. */
public record GateResult(String experimentId, String baselineId, boolean passed, List<GateCheck> checks,
    List<GateCase> cases, ExperimentSummary summary, Comparison comparison) {
  public GateResult {
    checks = List.copyOf(checks);
    cases = List.copyOf(cases);
  }
}
