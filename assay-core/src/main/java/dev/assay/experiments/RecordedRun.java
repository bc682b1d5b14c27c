package dev.assay.experiments;

import java.time.Instant;
import java.util.Map;

/**
 * A run the client executed itself (AX's {@code ExperimentRunInput}, Phoenix's run record).
 *
 * @param extra any other columns AX's client sent with the run, kept and returned as given
 */
public record RecordedRun(String exampleId, int repetition, String output, String error, Instant startTime,
    Instant endTime, String traceId, Map<String, Object> extra) {
  public RecordedRun {
    extra = extra == null ? Map.of() : extra;
  }
}
