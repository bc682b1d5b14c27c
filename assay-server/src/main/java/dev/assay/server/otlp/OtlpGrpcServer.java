package dev.assay.server.otlp;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.assay.auth.Principal;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnauthenticatedException;
import dev.assay.shared.UnavailableException;
import dev.assay.traces.IngestService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/gRPC trace receiver: {@code opentelemetry.proto.collector.trace.v1.TraceService/Export} on its own
 * port, into the same {@link IngestService} as OTLP/HTTP. Calls run on virtual threads and answer after the
 * accepted spans are committed, with {@code partial_success} when some were rejected. Messages are held to
 * {@code maxRequestBytes} after decompression; gzip is accepted (grpc-java's default decompressors). The
 * {@code x-project-name} metadata routes like the HTTP header. With authentication on, {@code authorization:
 * Bearer <api key>} (or AX's {@code api_key}) is checked before the message is read: a missing or bad key is
 * {@code UNAUTHENTICATED}, a caller that may write nowhere {@code PERMISSION_DENIED}; the space comes from
 * {@code x-assay-space} / {@code space_id} as for OTLP/HTTP ({@link OtlpAccess}).
 *
 * <p>Refusals map to the codes OTLP exporters retry: overload is {@code RESOURCE_EXHAUSTED} with a
 * {@code google.rpc.RetryInfo} (the OTLP spec retries that code only when RetryInfo is present), shutting
 * down is {@code UNAVAILABLE}; an invalid request is {@code INVALID_ARGUMENT}, anything else
 * {@code INTERNAL} with a generic message (the cause is logged).
 */
public final class OtlpGrpcServer {
  private static final Logger log = LoggerFactory.getLogger(OtlpGrpcServer.class);
  private static final Metadata.Key<String> PROJECT_METADATA =
      Metadata.Key.of(OtlpController.PROJECT_HEADER, Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<String> PROJECT = Context.key(OtlpController.PROJECT_HEADER);
  private static final Context.Key<Caller> CALLER = Context.key("assay-caller");

  private final ExecutorService executor;
  private final Server server;

  /** A server in local mode (every span into the default space); see the other constructor. */
  public OtlpGrpcServer(IngestService ingest, String host, int port, long maxRequestBytes) {
    this(ingest, OtlpAccess.local(), host, port, maxRequestBytes);
  }

  /** Builds the server; nothing is bound until {@link #start()}. Port 0 picks a free port. */
  public OtlpGrpcServer(IngestService ingest, OtlpAccess access, String host, int port, long maxRequestBytes) {
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(host, "host");
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes must be positive, got " + maxRequestBytes);
    }
    this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("otlp-grpc-", 0).factory());
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .executor(executor)
        .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, maxRequestBytes))
        .addService(ServerInterceptors.intercept(traceService(ingest, access), new CallerFromMetadata(access)))
        .build();
  }

  /**
   * Binds and starts serving.
   *
   * @throws IOException when the address cannot be bound (the cause chain holds the {@code BindException})
   */
  public OtlpGrpcServer start() throws IOException {
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      server.shutdownNow();
      executor.shutdownNow();
      throw e;
    }
    return this;
  }

  /** The bound port (the real one when configured as 0); -1 before {@link #start()}. */
  public int port() {
    return server.getPort();
  }

  /**
   * Refuses new calls, waits up to {@code timeout} for in-flight ones (which finish once their spans are
   * committed), then cancels what is left. The port is released when this returns.
   */
  public void stop(Duration timeout) {
    server.shutdown();
    try {
      if (!server.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn("OTLP/gRPC calls still running after {}; cancelling them", timeout);
        server.shutdownNow();
        server.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdownNow();
    }
  }

  /** The status a refused or failed export answers with. */
  static StatusRuntimeException status(RuntimeException e) {
    return switch (e) {
      case OverloadedException overloaded -> StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
          .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
          .setMessage(overloaded.getMessage())
          .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
              .setSeconds(overloaded.retryAfter().getSeconds()).setNanos(overloaded.retryAfter().getNano())).build()))
          .build());
      case UnavailableException unavailable -> Status.UNAVAILABLE.withDescription(unavailable.getMessage()).asRuntimeException();
      case InvalidInputException invalid -> Status.INVALID_ARGUMENT.withDescription(invalid.getMessage()).asRuntimeException();
      case UnauthenticatedException denied -> Status.UNAUTHENTICATED.withDescription(denied.getMessage()).asRuntimeException();
      case ForbiddenException denied -> Status.PERMISSION_DENIED.withDescription(denied.getMessage()).asRuntimeException();
      case NotFoundException missing -> Status.NOT_FOUND.withDescription(missing.getMessage()).asRuntimeException();
      default -> {
        log.error("OTLP/gRPC export failed", e);
        yield Status.INTERNAL.withDescription("internal error; see the server log").asRuntimeException();
      }
    };
  }

  /**
   * TraceService/Export over the generated method descriptor from opentelemetry-proto, with its request
   * marshaller wrapped. grpc-java parses a unary request lazily in the application thread, and a parse that
   * throws (a malformed message, or one over the size limit once inflated) would reach the client as
   * {@code UNKNOWN: Application error processing RPC}; the wrapper keeps the failure instead, so the call
   * answers {@code INVALID_ARGUMENT} or the limit's {@code RESOURCE_EXHAUSTED}, as OTLP/HTTP answers 400 or 413.
   */
  private static ServerServiceDefinition traceService(IngestService ingest, OtlpAccess access) {
    MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> export = TraceServiceGrpc.getExportMethod();
    MethodDescriptor<Decoded, ExportTraceServiceResponse> method = export.toBuilder(
        new DecodingMarshaller(export.getRequestMarshaller()), export.getResponseMarshaller()).build();
    return ServerServiceDefinition.builder(TraceServiceGrpc.SERVICE_NAME)
        .addMethod(method, ServerCalls.asyncUnaryCall((decoded, responses) -> export(ingest, access, decoded, responses)))
        .build();
  }

  /** Ingest and answer after the commit. Blocking is cheap here: every call runs on its own virtual thread. */
  private static void export(IngestService ingest, OtlpAccess access, Decoded decoded,
      StreamObserver<ExportTraceServiceResponse> responses) {
    if (decoded.failure() != null) {
      responses.onError(decoded.failure().asRuntimeException());
      return;
    }
    ExportTraceServiceResponse response;
    try {
      Caller caller = CALLER.get();
      OtlpAccess.Target target = access.target(caller.principal(), caller.metadata()::get);
      response = OtlpController.response(ingest.export(decoded.request(), target.scope(), target.spaceId(),
          PROJECT.get()));
    } catch (RuntimeException e) {
      responses.onError(status(e));
      return;
    }
    responses.onNext(response);
    responses.onCompleted();
  }

  /** A request as decoded: the message, or why it could not be read. */
  private record Decoded(ExportTraceServiceRequest request, Status failure) {}

  private record DecodingMarshaller(MethodDescriptor.Marshaller<ExportTraceServiceRequest> proto)
      implements MethodDescriptor.Marshaller<Decoded> {
    @Override
    public InputStream stream(Decoded value) {
      return proto.stream(value.request());
    }

    @Override
    public Decoded parse(InputStream stream) {
      try {
        return new Decoded(proto.parse(stream), null);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
          return new Decoded(null, e.getStatus().withCause(null));
        }
        return new Decoded(null, malformed(e));
      } catch (RuntimeException e) {
        return new Decoded(null, malformed(e));
      }
    }

    private static Status malformed(Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return Status.INVALID_ARGUMENT.withDescription("malformed OTLP protobuf message: " + cause.getMessage());
    }
  }

  /** The authenticated caller and the metadata that chooses its space. */
  private record Caller(Principal principal, Map<String, String> metadata) {}

  /**
   * Authenticates the call from its metadata before its message is read, and carries the caller and the
   * {@code x-project-name} metadata into the call's context.
   */
  private static final class CallerFromMetadata implements ServerInterceptor {
    private static final List<String> SPACE_KEYS = List.of(OtlpAccess.SPACE_HEADER, OtlpAccess.AX_SPACE_HEADER);
    private final OtlpAccess access;

    CallerFromMetadata(OtlpAccess access) {
      this.access = access;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      Principal principal;
      try {
        principal = access.authenticate(name -> ascii(headers, name));
      } catch (RuntimeException e) {
        call.close(status(e).getStatus(), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      Map<String, String> spaceMetadata = new HashMap<>();
      for (String key : SPACE_KEYS) {
        String value = ascii(headers, key);
        if (value != null) {
          spaceMetadata.put(key, value);
        }
      }
      Context context = Context.current().withValue(PROJECT, headers.get(PROJECT_METADATA))
          .withValue(CALLER, new Caller(principal, spaceMetadata));
      return Contexts.interceptCall(context, call, headers, next);
    }

    private static String ascii(Metadata headers, String name) {
      return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
  }
}
