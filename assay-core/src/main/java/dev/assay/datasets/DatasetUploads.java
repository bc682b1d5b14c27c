package dev.assay.datasets;

import java.io.InputStream;
import java.util.List;

/**
 * Turns an uploaded CSV, JSONL or JSON file into example drafts (used by the API's upload, the CLI and
 * {@code assay eval}'s test files). A malformed file or a named key that no row has is an
 * {@link dev.assay.shared.InvalidInputException} naming the line or key; nothing is half-read.
 */
public final class DatasetUploads {
  private DatasetUploads() {}

  /** The drafts in {@code in}, in file order. */
  public static List<ExampleDraft> parse(UploadFormat format, InputStream in, UploadKeys keys) {
    throw new UnsupportedOperationException("contract: implemented on branch wt/datasets");
  }
}
