package dev.assay.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * OTLP export bodies for the ingest bench, encoded once and re-used with fresh ids: a template request is
 * encoded with marker ids (random bytes, or their hex in OTLP/JSON) and session tokens, the markers' offsets
 * are found, and {@link Template#fresh()} copies the body and overwrites every occurrence of each marker with
 * a new random value of the same length. So the load generator spends almost no CPU (it shares the cores with
 * the server) while every export still carries new traces, spans and sessions, as the server would see them.
 */
final class OtlpPayloads {
  /** What one span looks like: ~1 KB of LLM-span text, or an LLM span with ~10 KB of chat messages. */
  enum Shape {
    SMALL(900), LLM_10K(10_000);

    final int approxBytes;

    Shape(int approxBytes) {
      this.approxBytes = approxBytes;
    }
  }

  static final int SPANS_PER_TRACE = 10;
  private static final int SESSION_TOKEN_CHARS = 12;
  private static final String PROMPT = "You are a helpful assistant for Harbor DB, a managed PostgreSQL service. Answer from the "
      + "documentation excerpts below and cite the excerpt ids. If the excerpts do not answer the question, say so. ";
  private static final String EXCERPT = "[kb-%03d] Harbor DB takes a full snapshot of every cluster once a day and streams the "
      + "write-ahead log continuously, so any point in the retention window can be restored to the second; backups are "
      + "stored in another availability zone and encrypted with the cluster's key. ";
  private static final String ANSWER = "Backups are kept for 7 days on Starter and 30 days on Pro and Enterprise; raise the "
      + "retention to 35 days under Settings > Backups [kb-102]. A point-in-time restore creates a new cluster [kb-103].";
  private static final String[][] MODELS = {{"gpt-4o-mini", "openai"}, {"gpt-4o", "openai"}, {"claude-3-5-sonnet", "anthropic"}};

  private OtlpPayloads() {}

  /** One encoded export and where its markers are. */
  static final class Template {
    final byte[] body;
    final int spans;
    private final int[][] offsets; // per marker: every offset where it occurs
    private final int[] lengths;
    private final boolean[] hex;

    private Template(byte[] body, int spans, List<byte[]> markers, List<Boolean> hexMarkers) {
      this.body = body;
      this.spans = spans;
      this.offsets = new int[markers.size()][];
      this.lengths = new int[markers.size()];
      this.hex = new boolean[markers.size()];
      for (int m = 0; m < markers.size(); m++) {
        offsets[m] = occurrences(body, markers.get(m));
        if (offsets[m].length == 0) {
          throw new IllegalStateException("marker " + m + " not found in the encoded body");
        }
        lengths[m] = markers.get(m).length;
        hex[m] = hexMarkers.get(m);
      }
    }

    /** A copy of the body with new random ids and session tokens. */
    byte[] fresh() {
      byte[] out = body.clone();
      ThreadLocalRandom random = ThreadLocalRandom.current();
      byte[] value = new byte[64];
      for (int m = 0; m < offsets.length; m++) {
        int n = lengths[m];
        if (hex[m]) {
          for (int i = 0; i < n; i++) {
            value[i] = (byte) "0123456789abcdef".charAt(random.nextInt(16));
          }
          value[0] = (byte) "123456789abcdef".charAt(random.nextInt(15)); // never all zero
        } else {
          random.nextBytes(value);
          value[0] |= 1;
        }
        for (int offset : offsets[m]) {
          System.arraycopy(value, 0, out, offset, n);
        }
      }
      return out;
    }
  }

  /** {@code count} templates of {@code spansPerExport} spans each, in OTLP protobuf or OTLP/JSON. */
  static List<Template> templates(Shape shape, int spansPerExport, boolean json, int count, long seed) {
    Random random = new Random(seed);
    List<Template> out = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      List<byte[]> markers = new ArrayList<>();
      List<Boolean> hexMarkers = new ArrayList<>();
      ExportTraceServiceRequest request = request(shape, spansPerExport, random, markers, hexMarkers, json);
      byte[] body = json ? print(request) : request.toByteArray();
      out.add(new Template(body, spansPerExport, markers, hexMarkers));
    }
    return out;
  }

  private static byte[] print(ExportTraceServiceRequest request) {
    try {
      // OTLP/JSON carries ids as hex (JsonFormat would write base64): the server accepts hex as the spec says.
      String json = JsonFormat.printer().omittingInsignificantWhitespace().print(request);
      return hexIds(json, request).getBytes(StandardCharsets.UTF_8);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the base64 of every id in the printed JSON by its hex, as OTLP/JSON requires. */
  private static String hexIds(String json, ExportTraceServiceRequest request) {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          for (ByteString id : List.of(s.getTraceId(), s.getSpanId(), s.getParentSpanId())) {
            if (!id.isEmpty()) {
              json = json.replace("\"" + b64.encodeToString(id.toByteArray()) + "\"", "\"" + HexFormat.of().formatHex(id.toByteArray()) + "\"");
            }
          }
        }
      }
    }
    return json;
  }

  private static ExportTraceServiceRequest request(Shape shape, int spans, Random random, List<byte[]> markers,
      List<Boolean> hexMarkers, boolean json) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long now = System.currentTimeMillis() * 1_000_000L;
    ByteString trace = null;
    ByteString root = null;
    String session = null;
    long traceStart = 0;
    for (int i = 0; i < spans; i++) {
      if (i % SPANS_PER_TRACE == 0) {
        trace = marker(random, 16, markers, hexMarkers, json);
        root = null;
        session = "session-" + token(random, markers, hexMarkers);
        traceStart = now - random.nextLong(3_600_000_000_000L);
      }
      ByteString spanId = marker(random, 8, markers, hexMarkers, json);
      long start = traceStart + (i % SPANS_PER_TRACE) * 200_000_000L;
      long latency = 100_000_000L + random.nextLong(2_000_000_000L);
      String[] model = MODELS[random.nextInt(MODELS.length)];
      Span.Builder span = Span.newBuilder().setTraceId(trace).setSpanId(spanId)
          .setName(root == null ? "rag.answer" : "ChatCompletion").setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
          .setStartTimeUnixNano(start).setEndTimeUnixNano(start + latency)
          .setStatus(random.nextInt(50) == 0 ? Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("rate limited")
              : Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
          .addAttributes(attr("openinference.span.kind", root == null ? "CHAIN" : "LLM"))
          .addAttributes(attr("session.id", session))
          .addAttributes(attr("user.id", "user-" + random.nextInt(500)))
          .addAttributes(attr("llm.model_name", model[0]))
          .addAttributes(attr("llm.provider", model[1]))
          .addAttributes(intAttr("llm.token_count.prompt", 200 + random.nextInt(3000)))
          .addAttributes(intAttr("llm.token_count.completion", 20 + random.nextInt(400)))
          .addAttributes(attr("output.value", ANSWER))
          .addAttributes(attr("output.mime_type", "text/plain"));
      if (root != null) {
        span.setParentSpanId(root);
      } else {
        root = spanId;
      }
      int textBytes = shape.approxBytes - 650; // ids, times, keys and the fixed attributes come to ~650 bytes
      if (shape == Shape.SMALL) {
        span.addAttributes(attr("input.value", text(random, textBytes)));
      } else {
        int perMessage = textBytes / 4;
        span.addAttributes(attr("llm.input_messages.0.message.role", "system"))
            .addAttributes(attr("llm.input_messages.0.message.content", text(random, perMessage)))
            .addAttributes(attr("llm.input_messages.1.message.role", "user"))
            .addAttributes(attr("llm.input_messages.1.message.content", "How long do you keep my backups, and can I restore to yesterday 3pm?"))
            .addAttributes(attr("llm.output_messages.0.message.role", "assistant"))
            .addAttributes(attr("llm.output_messages.0.message.content", ANSWER))
            .addAttributes(attr("input.value", text(random, perMessage * 3)))
            .addAttributes(attr("input.mime_type", "application/json"));
      }
      scope.addSpans(span);
    }
    Resource resource = Resource.newBuilder().addAttributes(attr("service.name", "otlp-ingest-bench")).build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build();
  }

  /** A prompt of about {@code bytes} characters: the instructions and numbered documentation excerpts. */
  private static String text(Random random, int bytes) {
    StringBuilder b = new StringBuilder(PROMPT);
    while (b.length() < bytes) {
      b.append(EXCERPT.formatted(random.nextInt(1000)));
    }
    return b.substring(0, Math.max(0, bytes));
  }

  private static ByteString marker(Random random, int n, List<byte[]> markers, List<Boolean> hexMarkers, boolean json) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    b[0] |= 1;
    markers.add(json ? HexFormat.of().formatHex(b).getBytes(StandardCharsets.US_ASCII) : b);
    hexMarkers.add(json);
    return ByteString.copyFrom(b);
  }

  private static String token(Random random, List<byte[]> markers, List<Boolean> hexMarkers) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < SESSION_TOKEN_CHARS; i++) {
      b.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    markers.add(b.toString().getBytes(StandardCharsets.US_ASCII));
    hexMarkers.add(true);
    return b.toString();
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue intAttr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  private static int[] occurrences(byte[] haystack, byte[] needle) {
    List<Integer> found = new ArrayList<>();
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      found.add(i);
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }
}
