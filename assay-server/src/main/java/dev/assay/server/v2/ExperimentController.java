package dev.assay.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.experiments.ExperimentService;

/**
 * {@code /v2/experiments…} as AX defines it (recorded experiments with their runs), plus Assay's server-run
 * experiments, summary, compare, gate, export, resume and cancel (branch wt/experiments-api). {@link #routes()} is
 * called inside the {@code /v2} path of the route table.
 */
public final class ExperimentController {
  private final ExperimentService experiments;
  private final ObjectMapper json;

  public ExperimentController(ExperimentService experiments, ObjectMapper json) {
    if (experiments == null || json == null) {
      throw new NullPointerException("experiments and json are required");
    }
    this.experiments = experiments;
    this.json = json;
  }

  /** Adds this controller's routes (ApiBuilder, inside {@code path("/v2")}). */
  public void routes() {}
}
