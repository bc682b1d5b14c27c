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
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * A real DuckDB store fed through the real ingest path (OTLP request → {@link IngestService} → batching writer),
 * with the services {@link SubjectBuilder} reads through, and a small builder of OpenInference OTLP spans.
 */
final class StoredSpans implements AutoCloseable {
  static final AccessScope ALL = AccessScope.unrestricted();
  final JdbcStore store;
  final BatchingWriter<Span> writer;
  final IngestService ingest;
  final SpanService spans;
  final SubjectBuilder subjects;

  StoredSpans(Path dir) {
    Clock clock = Clock.systemUTC();
    store = new JdbcStore(TestDatabases.duckDb(dir), clock);
    writer = new BatchingWriter<>("spans", store.database().jdbi(), new JdbcSpanSink(store.dialect(), clock),
        WriterSettings.DEFAULTS, clock);
    ingest = new IngestService(store.projects(), writer::submit);
    ProjectService projects = new ProjectService(store.projects(), new SpaceService(store.spaces()));
    spans = new SpanService(projects, store.spans(), store.traces(), clock);
    subjects = new SubjectBuilder(spans);
  }

  /** Ingests the spans into {@code project}; returns after they are committed. */
  void ingest(String project, List<OtlpSpan> spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    spans.forEach(s -> scope.addSpans(s.build()));
    Resource resource = Resource.newBuilder().addAttributes(kv(IngestService.PROJECT_ATTRIBUTE, project)).build();
    IngestResult result = ingest.export(ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build(), null);
    if (result.rejectedSpans() != 0) {
      throw new AssertionError("spans rejected: " + result.errorMessage());
    }
  }

  @Override
  public void close() {
    writer.close();
    store.close();
  }

  static KeyValue kv(String key, Object value) {
    return KeyValue.newBuilder().setKey(key).setValue(any(value)).build();
  }

  private static AnyValue any(Object value) {
    AnyValue.Builder b = AnyValue.newBuilder();
    switch (value) {
      case String s -> b.setStringValue(s);
      case Integer i -> b.setIntValue(i);
      case Long l -> b.setIntValue(l);
      case Double d -> b.setDoubleValue(d);
      case Boolean x -> b.setBoolValue(x);
      case List<?> list -> {
        ArrayValue.Builder a = ArrayValue.newBuilder();
        list.forEach(o -> a.addValues(any(o)));
        b.setArrayValue(a);
      }
      default -> throw new IllegalArgumentException("attribute value " + value);
    }
    return b.build();
  }

  /** One OTLP span with OpenInference attributes; times in microseconds since the epoch. */
  static final class OtlpSpan {
    private final io.opentelemetry.proto.trace.v1.Span.Builder b = io.opentelemetry.proto.trace.v1.Span.newBuilder();

    static OtlpSpan of(String traceHex, String spanHex, String parentHex, String name, String kind, long startMicros,
        long endMicros) {
      OtlpSpan s = new OtlpSpan();
      s.b.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceHex)))
          .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanHex)))
          .setName(name).setStartTimeUnixNano(startMicros * 1000).setEndTimeUnixNano(endMicros * 1000)
          .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
      if (parentHex != null) {
        s.b.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentHex)));
      }
      return s.attr("openinference.span.kind", kind);
    }

    OtlpSpan attr(String key, Object value) {
      b.addAttributes(kv(key, value));
      return this;
    }

    OtlpSpan error(String message) {
      b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(message));
      b.addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("exception")
          .setTimeUnixNano(b.getEndTimeUnixNano() - 1000)
          .addAttributes(kv("exception.type", "TimeoutError")).addAttributes(kv("exception.message", message)));
      return this;
    }

    io.opentelemetry.proto.trace.v1.Span build() {
      return b.build();
    }
  }
}
