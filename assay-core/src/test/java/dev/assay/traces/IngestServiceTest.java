package dev.assay.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.OverloadedException;
import dev.assay.spaces.Space;
import dev.assay.store.BatchingWriter;
import dev.assay.store.JdbcSpanSink;
import dev.assay.store.JdbcStore;
import dev.assay.store.WriterSettings;
import dev.assay.testing.TestDatabases;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest over a real DuckDB store and batching writer: routing, partial success, commit before the result. */
class IngestServiceTest {
  @TempDir Path dir;
  private JdbcStore store;
  private BatchingWriter<Span> writer;
  private IngestService ingest;

  @BeforeEach
  void open() {
    Clock clock = Clock.systemUTC();
    store = new JdbcStore(TestDatabases.duckDb(dir), clock);
    writer = new BatchingWriter<>("spans", store.database().jdbi(), new JdbcSpanSink(store.dialect(), clock),
        WriterSettings.DEFAULTS.withMaxRowsPerCommit(4).withMaxQueuedRows(4), clock);
    ingest = new IngestService(store.projects(), writer::submit);
  }

  @AfterEach
  void close() {
    writer.close();
    store.close();
  }

  @Test
  void export_routesEachResourceToItsProject_andReturnsAfterCommit() {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(resourceSpans("alpha", span(id(16), id(8))))
        .addResourceSpans(resourceSpans(null, span(id(16), id(8)), span(id(16), id(8))))
        .build();

    IngestResult result = ingest.export(request, null);

    assertEquals(new IngestResult(3, 0, null), result);
    assertEquals(1, count("alpha"));
    assertEquals(2, count("default"));
  }

  @Test
  void export_theCallersProjectNameWinsOverTheResource() {
    ingest.export(request(resourceSpans("alpha", span(id(16), id(8)))), "  chosen ");

    assertEquals(1, count("chosen"));
    assertTrue(store.projects().findByName(AccessScope.unrestricted(), Space.DEFAULT_ID, "alpha").isEmpty());
  }

  @Test
  void export_rejectsInvalidSpansAlone_withTheirReasons() {
    ByteString trace = id(16);
    var endsEarly = span(trace, id(8)).toBuilder().setEndTimeUnixNano(1).build();
    var request = request(resourceSpans("mixed", span(trace, id(8)), span(ByteString.EMPTY, id(8)), endsEarly));

    IngestResult result = ingest.export(request, null);

    assertEquals(1, result.acceptedSpans());
    assertEquals(2, result.rejectedSpans());
    assertTrue(result.errorMessage().startsWith("2 spans rejected: "), result.errorMessage());
    assertTrue(result.errorMessage().contains("invalid trace_id"), result.errorMessage());
    assertTrue(result.errorMessage().contains("before start"), result.errorMessage());
    assertEquals(1, count("mixed"));
  }

  @Test
  void export_allRejected_createsNoProject() {
    IngestResult result = ingest.export(request(resourceSpans("ghost", span(id(16), ByteString.EMPTY))), null);

    assertEquals(0, result.acceptedSpans());
    assertEquals(1, result.rejectedSpans());
    assertTrue(store.projects().findByName(AccessScope.unrestricted(), Space.DEFAULT_ID, "ghost").isEmpty());
  }

  @Test
  void export_largerThanTheWriterCouldEverHold_isInvalidInput() {
    var spans = new io.opentelemetry.proto.trace.v1.Span[5];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = span(id(16), id(8));
    }
    assertThrows(InvalidInputException.class, () -> ingest.export(request(resourceSpans("big", spans)), null));
  }

  @Test
  void submit_propagatesTheWritersRefusal_beforeReturning() {
    OverloadedException full = new OverloadedException("full", Duration.ofSeconds(1));
    IngestService refusing = new IngestService(store.projects(), (spans, weight) -> {
      throw full;
    });

    assertEquals(full, assertThrows(OverloadedException.class, () -> refusing.submit(request(resourceSpans("p", span(id(16), id(8)))), null)));
  }

  @Test
  void emptyRequest_isAcceptedWithNothingToDo() {
    IngestResult result = ingest.export(ExportTraceServiceRequest.getDefaultInstance(), "unused");

    assertEquals(new IngestResult(0, 0, null), result);
    assertNull(result.errorMessage());
    assertFalse(store.projects().findByName(AccessScope.unrestricted(), Space.DEFAULT_ID, "unused").isPresent());
  }

  @Test
  void export_skippedInlineFeedback_isAWarning_theSpanIsStored() {
    io.opentelemetry.proto.trace.v1.Span span = span(id(16), id(8)).toBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("session.annotations.0.annotation.name")
            .setValue(AnyValue.newBuilder().setStringValue("csat")))
        .addAttributes(KeyValue.newBuilder().setKey("session.annotations.0.annotation.score")
            .setValue(AnyValue.newBuilder().setIntValue(5)))
        .build();

    IngestResult result = ingest.export(request(resourceSpans("warned", span)), null);

    assertEquals(1, result.acceptedSpans());
    assertEquals(0, result.rejectedSpans());
    assertTrue(result.errorMessage().startsWith("not stored: ") && result.errorMessage().contains("no session.id"),
        result.errorMessage());
    assertEquals(1, count("warned"));
  }

  private long count(String project) {
    String id = store.projects().findByName(AccessScope.unrestricted(), Space.DEFAULT_ID, project).orElseThrow().id();
    return store.spans().countSpans(AccessScope.unrestricted(), id);
  }

  private static ExportTraceServiceRequest request(ResourceSpans resourceSpans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans).build();
  }

  private static ResourceSpans resourceSpans(String project, io.opentelemetry.proto.trace.v1.Span... spans) {
    Resource.Builder resource = Resource.newBuilder();
    if (project != null) {
      resource.addAttributes(KeyValue.newBuilder().setKey(IngestService.PROJECT_ATTRIBUTE)
          .setValue(AnyValue.newBuilder().setStringValue(project)));
    }
    return ResourceSpans.newBuilder().setResource(resource).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))).build();
  }

  private static io.opentelemetry.proto.trace.v1.Span span(ByteString traceId, ByteString spanId) {
    long start = 1_700_000_000_000_000_000L;
    return io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(traceId).setSpanId(spanId).setName("s")
        .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 1_000_000).build();
  }

  private static ByteString id(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] = 7;
    return ByteString.copyFrom(bytes);
  }
}
