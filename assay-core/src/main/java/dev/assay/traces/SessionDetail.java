package dev.assay.traces;

import java.util.List;
import java.util.Objects;

/** One session with its traces (without spans) in start order: the conversation's turns. */
public record SessionDetail(Session session, List<Trace> traces) {
  public SessionDetail {
    Objects.requireNonNull(session, "session");
    traces = List.copyOf(traces);
  }
}
