package dev.assay.server.otlp;

import dev.assay.server.auth.RequestAuth;
import dev.assay.traces.IngestResult;
import dev.assay.traces.IngestService;
import io.javalin.http.Context;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.Objects;

/**
 * OTLP/HTTP trace receiver ({@code POST /v1/traces}): protobuf or JSON, optionally gzip/deflate. The body
 * is decoded before anything is stored, so a malformed one is a 400 with the reason; the answer is sent
 * only after the accepted spans are committed, with {@code partial_success} when some were rejected.
 * Overload is the shared problem mapping's 429 with Retry-After, which OTLP exporters retry.
 */
public final class OtlpController {
  /** The header naming the project for every span of the request, as in Phoenix. */
  public static final String PROJECT_HEADER = "x-project-name";

  private final IngestService ingest;
  private final OtlpAccess access;
  private final long maxRequestBytes;

  /** A receiver in local mode: every span goes to the default space. */
  public OtlpController(IngestService ingest, long maxRequestBytes) {
    this(ingest, OtlpAccess.local(), maxRequestBytes);
  }

  /** @param access where spans go; the route's access check has already authenticated the caller */
  public OtlpController(IngestService ingest, OtlpAccess access, long maxRequestBytes) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.access = Objects.requireNonNull(access, "access");
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes must be positive, got " + maxRequestBytes);
    }
    this.maxRequestBytes = maxRequestBytes;
  }

  /** {@code POST /v1/traces}: decode, ingest, answer after the commit. */
  public void exportTraces(Context ctx) {
    OtlpAccess.Target target = access.target(RequestAuth.principal(ctx), ctx::header);
    OtlpEncoding encoding = OtlpEncoding.of(ctx.contentType());
    byte[] body = ContentEncodings.decode(ctx.bodyAsBytes(), ctx.header("Content-Encoding"), maxRequestBytes);
    ExportTraceServiceRequest request = encoding.decode(body);
    IngestResult result = ingest.export(request, target.scope(), target.spaceId(), ctx.header(PROJECT_HEADER));
    ctx.status(200).contentType(encoding.mediaType).result(encoding.encode(response(result)));
  }

  /**
   * The OTLP response for {@code result}: empty, or with {@code partial_success} when spans were rejected or
   * something was not stored (a warning: zero rejected spans and a message, as the OTLP spec allows).
   */
  static ExportTraceServiceResponse response(IngestResult result) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (result.rejectedSpans() > 0 || result.errorMessage() != null) {
      response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(result.rejectedSpans())
          .setErrorMessage(result.errorMessage()));
    }
    return response.build();
  }
}
