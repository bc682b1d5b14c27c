package dev.assay.examples.tracesdemo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends the demo's traces to an Assay server (or any OTLP receiver) and prints what it sent.
 *
 * <pre>
 * java -jar examples/traces-demo/target/traces-demo.jar [--endpoint URL] [--protocol http/protobuf|grpc]
 *      [--project NAME] [--traces N] [--seed S]
 * </pre>
 *
 * The endpoint is the server's base URL: {@code http://127.0.0.1:6006} for OTLP/HTTP (the exporter posts to
 * {@code /v1/traces} below it), {@code http://127.0.0.1:4317} for gRPC (the default with {@code --protocol grpc}).
 */
public final class TracesDemo {
  /** The parsed command line. */
  public record Options(String endpoint, String protocol, String project, int traces, long seed) {
    public Options {
      if (!protocol.equals("http/protobuf") && !protocol.equals("grpc")) {
        throw new IllegalArgumentException("--protocol must be http/protobuf or grpc, not " + protocol);
      }
      if (traces < 1) {
        throw new IllegalArgumentException("--traces must be at least 1");
      }
      if (endpoint == null) {
        endpoint = protocol.equals("grpc") ? "http://127.0.0.1:4317" : "http://127.0.0.1:6006";
      }
      endpoint = endpoint.replaceAll("/+$", "");
    }

    static Options parse(String... args) {
      String endpoint = null;
      String protocol = "http/protobuf";
      String project = "traces-demo";
      int traces = 50;
      long seed = 42;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--endpoint" -> endpoint = required(args[i], value);
          case "--protocol" -> protocol = required(args[i], value);
          case "--project" -> project = required(args[i], value);
          case "--traces" -> traces = Integer.parseInt(required(args[i], value));
          case "--seed" -> seed = Long.parseLong(required(args[i], value));
          case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
        }
        i++;
      }
      return new Options(endpoint, protocol, project, traces, seed);
    }

    private static String required(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      return value;
    }
  }

  static final String USAGE = "usage: traces-demo [--endpoint URL] [--protocol http/protobuf|grpc] [--project NAME] "
      + "[--traces N] [--seed S]";

  private TracesDemo() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<DemoTraces.Emitted> sent = run(options);
    if (sent == null) {
      System.err.println("export to " + options.endpoint() + " failed (is the server running?)");
      System.exit(1);
    }
    long errors = sent.stream().filter(DemoTraces.Emitted::error).count();
    long sessions = sent.stream().map(DemoTraces.Emitted::sessionId).distinct().count();
    int spans = sent.stream().mapToInt(DemoTraces.Emitted::spanCount).sum();
    System.out.printf("sent %d traces (%d spans, %d sessions, %d with errors) to project %s at %s (%s)%n",
        sent.size(), spans, sessions, errors, options.project(), options.endpoint(), options.protocol());
  }

  /** Emits the demo through a real OTLP exporter and flushes it; the emitted traces, or null when an export failed. */
  public static List<DemoTraces.Emitted> run(Options options) {
    AtomicBoolean failed = new AtomicBoolean();
    SpanExporter exporter = reportingFailures(exporter(options), failed);
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        AttributeKey.stringKey("service.name"), "traces-demo",
        AttributeKey.stringKey(OpenInference.PROJECT_NAME), options.project())));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .setIdGenerator(new SeededIdGenerator(options.seed()))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxExportBatchSize(512).build())
        .build();
    List<DemoTraces.Emitted> sent = DemoTraces.emit(provider.get("dev.assay.examples.traces-demo"), options.seed(),
        options.traces(), Instant.now());
    CompletableResultCode flushed = provider.forceFlush().join(60, TimeUnit.SECONDS);
    CompletableResultCode closed = provider.shutdown().join(30, TimeUnit.SECONDS);
    return flushed.isSuccess() && closed.isSuccess() && !failed.get() ? sent : null;
  }

  /** The batch processor's flush succeeds even when an export failed (after the exporter's retries); this sees it. */
  private static SpanExporter reportingFailures(SpanExporter exporter, AtomicBoolean failed) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = exporter.export(spans);
        result.whenComplete(() -> {
          if (!result.isSuccess()) {
            failed.set(true);
          }
        });
        return result;
      }

      @Override
      public CompletableResultCode flush() {
        return exporter.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return exporter.shutdown();
      }
    };
  }

  private static SpanExporter exporter(Options options) {
    if (options.protocol().equals("grpc")) {
      return OtlpGrpcSpanExporter.builder().setEndpoint(options.endpoint())
          .addHeader("x-project-name", options.project()).build();
    }
    return OtlpHttpSpanExporter.builder().setEndpoint(options.endpoint() + "/v1/traces")
        .addHeader("x-project-name", options.project()).build();
  }
}
