package dev.assay.eval;

import com.google.protobuf.ByteString;
import dev.assay.auth.AccessScope;
import dev.assay.projects.ProjectService;
import dev.assay.spaces.SpaceService;
import dev.assay.store.BatchingWriter;
import dev.assay.store.JdbcSpanSink;
import dev.assay.store.JdbcStore;
import dev.assay.store.WriterSettings;
import dev.assay.testing.TestDatabases;
import dev.assay.traces.IngestResult;
import dev.assay.traces.IngestService;
import dev.assay.traces.Span;
import dev.assay.traces.SpanService;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Judge tests' source of real subjects: OpenInference spans sent through {@link IngestService} into a migrated
 * DuckDB file, read back through {@link SpanService} and turned into subjects by {@link SubjectBuilder} — the
 * path the executor uses.
 */
final class IngestedSubjects implements AutoCloseable {
  static final String PROJECT = "judges";
  private static final AccessScope SCOPE = AccessScope.unrestricted();

  private final JdbcStore store;
  private final BatchingWriter<Span> writer;
  private final IngestService ingest;
  private final SubjectBuilder subjects;

  IngestedSubjects(Path dir) {
    Clock clock = Clock.systemUTC();
    store = new JdbcStore(TestDatabases.duckDb(dir), clock);
    writer = new BatchingWriter<>("spans", store.database().jdbi(), new JdbcSpanSink(store.dialect(), clock),
        WriterSettings.DEFAULTS, clock);
    ingest = new IngestService(store.projects(), writer::submit);
    ProjectService projects = new ProjectService(store.projects(), new SpaceService(store.spaces()));
    subjects = new SubjectBuilder(new SpanService(projects, store.spans(), store.traces(), clock));
  }

  /** Ingests the spans and returns once they are committed. */
  void ingest(OtlpSpan... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (OtlpSpan span : spans) {
      scope.addSpans(span.build());
    }
    Resource resource = Resource.newBuilder().addAttributes(KeyValue.newBuilder()
        .setKey(IngestService.PROJECT_ATTRIBUTE).setValue(AnyValue.newBuilder().setStringValue(PROJECT))).build();
    IngestResult result = ingest.export(ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build(), null);
    if (result.rejectedSpans() != 0) {
      throw new IllegalStateException("fixture spans rejected: " + result.errorMessage());
    }
  }

  Subject span(OtlpSpan span) {
    return subjects.span(SCOPE, PROJECT, span.spanId());
  }

  Subject trace(OtlpSpan anySpan) {
    return subjects.trace(SCOPE, PROJECT, anySpan.traceId());
  }

  Subject trajectory(OtlpSpan anySpan) {
    return subjects.trajectory(SCOPE, PROJECT, anySpan.traceId());
  }

  Subject session(String sessionId) {
    return subjects.session(SCOPE, PROJECT, sessionId);
  }

  /** The store the spans went into (model configs for gateway tests live there too). */
  JdbcStore store() {
    return store;
  }

  @Override
  public void close() {
    writer.close();
    store.close();
  }

  static String newTraceId() {
    return hex(16);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] = 7;
    return HexFormat.of().formatHex(b);
  }

  /** An OpenInference span under construction: kind, input/output and attributes as OTLP key-values. */
  static final class OtlpSpan {
    private final String traceId;
    private final String spanId = hex(8);
    private final List<KeyValue> attributes = new ArrayList<>();
    private String parentId;
    private String name;
    private long startOffsetMs;
    private boolean error;
    private String errorMessage;

    private OtlpSpan(String traceId, String kind, String name) {
      this.traceId = traceId;
      this.name = name;
      attr("openinference.span.kind", kind);
    }

    static OtlpSpan of(String kind, String name) {
      return new OtlpSpan(newTraceId(), kind, name);
    }

    /** A span of the same trace as {@code parent}, below it. */
    static OtlpSpan child(OtlpSpan parent, String kind, String name) {
      OtlpSpan span = new OtlpSpan(parent.traceId, kind, name);
      span.parentId = parent.spanId;
      return span;
    }

    static OtlpSpan inTrace(String traceId, String kind, String name) {
      return new OtlpSpan(traceId, kind, name);
    }

    OtlpSpan io(String input, String output) {
      if (input != null) {
        attr("input.value", input);
      }
      if (output != null) {
        attr("output.value", output);
      }
      return this;
    }

    OtlpSpan attr(String key, String value) {
      attributes.add(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build());
      return this;
    }

    OtlpSpan attr(String key, long value) {
      attributes.add(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build());
      return this;
    }

    /** Retrieved documents, in rank order. */
    OtlpSpan documents(String... contents) {
      for (int i = 0; i < contents.length; i++) {
        attr("retrieval.documents." + i + ".document.id", "doc-" + i);
        attr("retrieval.documents." + i + ".document.content", contents[i]);
      }
      return this;
    }

    OtlpSpan message(String direction, int index, String role, String content) {
      attr("llm." + direction + "_messages." + index + ".message.role", role);
      if (content != null) {
        attr("llm." + direction + "_messages." + index + ".message.content", content);
      }
      return this;
    }

    OtlpSpan startsAfterMs(long offset) {
      startOffsetMs = offset;
      return this;
    }

    OtlpSpan failed(String message) {
      error = true;
      errorMessage = message;
      return this;
    }

    String spanId() {
      return spanId;
    }

    String traceId() {
      return traceId;
    }

    io.opentelemetry.proto.trace.v1.Span build() {
      long start = System.currentTimeMillis() * 1_000_000L - 60_000_000_000L + startOffsetMs * 1_000_000L;
      var span = io.opentelemetry.proto.trace.v1.Span.newBuilder()
          .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
          .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
          .setName(name).setStartTimeUnixNano(start).setEndTimeUnixNano(start + 5_000_000L)
          .addAllAttributes(attributes);
      if (parentId != null) {
        span.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentId)));
      }
      span.setStatus(error
          ? Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(errorMessage).build()
          : Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK).build());
      return span.build();
    }
  }
}
