package dev.assay.server;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/** A grpc-java client of TraceService/Export on 127.0.0.1, for what the SDK exporter does not expose (codes, details). */
final class GrpcTestClient implements AutoCloseable {
  private final ManagedChannel channel;

  GrpcTestClient(int port) {
    this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
  }

  /**
   * Exports {@code request} with the given metadata (name, value pairs), gzip-compressed when {@code gzip}.
   *
   * @throws io.grpc.StatusRuntimeException with the server's status when the call fails
   */
  ExportTraceServiceResponse export(ExportTraceServiceRequest request, boolean gzip, String... metadata) {
    Metadata headers = new Metadata();
    for (int i = 0; i < metadata.length; i += 2) {
      headers.put(Metadata.Key.of(metadata[i], Metadata.ASCII_STRING_MARSHALLER), metadata[i + 1]);
    }
    TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
    return (gzip ? stub.withCompression("gzip") : stub).export(request);
  }

  /** Sends {@code body} as the request message, byte for byte (e.g. a malformed one). */
  ExportTraceServiceResponse exportRaw(byte[] body) {
    MethodDescriptor<byte[], ExportTraceServiceResponse> raw = TraceServiceGrpc.getExportMethod().toBuilder(
        new MethodDescriptor.Marshaller<byte[]>() {
          @Override
          public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
          }

          @Override
          public byte[] parse(InputStream stream) {
            throw new UnsupportedOperationException("client side only");
          }
        }, TraceServiceGrpc.getExportMethod().getResponseMarshaller()).build();
    return ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), body);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
