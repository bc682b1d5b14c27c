package dev.assay.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.datasets.DatasetService;

/**
 * {@code /v2/datasets…} as AX defines it, plus Assay's upload, from-spans and export (branch wt/datasets).
 * {@link #routes()} is called inside the {@code /v2} path of the route table.
 */
public final class DatasetController {
  private final DatasetService datasets;
  private final ObjectMapper json;

  public DatasetController(DatasetService datasets, ObjectMapper json) {
    if (datasets == null || json == null) {
      throw new NullPointerException("datasets and json are required");
    }
    this.datasets = datasets;
    this.json = json;
  }

  /** Adds this controller's routes (ApiBuilder, inside {@code path("/v2")}). */
  public void routes() {}
}
