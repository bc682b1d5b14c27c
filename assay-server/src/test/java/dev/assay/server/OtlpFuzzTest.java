package dev.assay.server;

import static dev.assay.testing.OtlpValues.kv;
import static dev.assay.testing.OtlpValues.num;
import static dev.assay.testing.OtlpValues.str;
import static dev.assay.testing.OtlpValues.strings;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.assay.config.AssayConfig;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed OTLP exports POSTed to {@code /v1/traces} of a live server (DuckDB), deterministic seeds: random bytes,
 * truncated, bit-flipped and re-typed protobuf, huge declared lengths; OTLP/JSON with structural mutations, wrong
 * types, bad hex ids and deep nesting. Every answer is 2xx (the input still decoded; what it held may be stored) or a
 * 4xx problem with nothing stored, never a 5xx, and the server stays healthy. A few notable inputs are kept in
 * {@code src/test/resources/fuzz/otlp} and replayed first.
 */
class OtlpFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static Path dir;
  private static LiveTarget target;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("assay-otlp-fuzz");
    target = LiveTarget.start(AssayConfig.defaults(dir).withMaxRequestBytes(256 * 1024));
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @Test
  void protobuf_malformedExports_are4xxProblems_neverStoredOrFatal() throws Exception {
    Random random = new Random(0x0717_8_2026L);
    FuzzRun run = new FuzzRun("OTLP protobuf fuzz", target);
    for (byte[] seed : FuzzCorpus.bytes("otlp", ".pb")) {
      send(run, "seed", seed, "application/x-protobuf");
    }
    for (int i = 0; i < 1_200; i++) {
      byte[] valid = validRequest(random).toByteArray();
      switch (i % 6) {
        case 0 -> send(run, "random", randomBytes(random, random.nextInt(600)), "application/x-protobuf");
        case 1 -> send(run, "truncated", java.util.Arrays.copyOf(valid, random.nextInt(valid.length)), "application/x-protobuf");
        case 2 -> send(run, "bit-flipped", flip(valid, random, 1 + random.nextInt(8)), "application/x-protobuf");
        case 3 -> send(run, "wire-type", retype(valid, random), "application/x-protobuf");
        case 4 -> send(run, "huge-length", hugeLength(valid, random), "application/x-protobuf");
        default -> send(run, "spliced", splice(valid, random), "application/x-protobuf");
      }
    }
    run.finish();
    assertTrue(run.count("random 4") > 100 && run.count("truncated 4") > 50, "the fuzzer reaches the decoder's errors");
  }

  @Test
  void json_malformedExports_are4xxProblems_neverStoredOrFatal() throws Exception {
    Random random = new Random(0x0717_8_2027L);
    FuzzRun run = new FuzzRun("OTLP JSON fuzz", target);
    for (byte[] seed : FuzzCorpus.bytes("otlp", ".json")) {
      send(run, "seed", seed, "application/json");
    }
    for (int i = 0; i < 1_200; i++) {
      String valid = validJson(validRequest(random));
      String text = switch (i % 5) {
        case 0 -> structural(valid, random, 1 + random.nextInt(3));
        case 1 -> badIds(valid, random);
        case 2 -> textual(valid, random);
        case 3 -> nested(random);
        default -> structural(textual(valid, random), random, 1);
      };
      send(run, "json-" + (i % 5), text.getBytes(StandardCharsets.UTF_8), "application/json");
    }
    run.finish();
    assertTrue(run.count("json-3 4") > 100, "deep nesting is refused");
  }

  private static void send(FuzzRun run, String kind, byte[] body, String contentType) {
    run.check(kind, () -> target.client().post("/v1/traces", contentType, BodyPublishers.ofByteArray(body),
        "x-project-name", "fuzz"), () -> contentType.contains("json") ? new String(body, StandardCharsets.UTF_8) : HEX.formatHex(body));
  }

  /** 1–3 spans with OpenInference attributes, a nested list, an array, an event, a status, sometimes a parent. */
  static ExportTraceServiceRequest validRequest(Random random) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    byte[] trace = randomBytes(random, 16);
    trace[0] |= 1;
    for (int s = 0, n = 1 + random.nextInt(3); s < n; s++) {
      byte[] id = randomBytes(random, 8);
      id[0] |= 1;
      Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(trace)).setSpanId(ByteString.copyFrom(id))
          .setName("step-" + s).setStartTimeUnixNano(1_700_000_000_000_000_000L + s)
          .setEndTimeUnixNano(1_700_000_000_100_000_000L + s)
          .addAttributes(kv("openinference.span.kind", str(s == 0 ? "CHAIN" : "LLM")))
          .addAttributes(kv("input.value", str("question " + random.nextInt())))
          .addAttributes(kv("llm.token_count.prompt", num(random.nextInt(1000))))
          .addAttributes(kv("tag.tags", strings("a", "b")))
          .addAttributes(kv("metadata", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
              .addValues(kv("tier", str("gold")))).build()))
          .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(1_700_000_000_050_000_000L)
              .addAttributes(kv("exception.message", str("boom"))))
          .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("bad"));
      if (s > 0) {
        span.setParentSpanId(scope.getSpans(0).getSpanId());
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("fuzz")))).addScopeSpans(scope)).build();
  }

  static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] flip(byte[] body, Random random, int bits) {
    byte[] b = body.clone();
    for (int i = 0; i < bits; i++) {
      int at = random.nextInt(b.length);
      b[at] ^= (byte) (1 << random.nextInt(8));
    }
    return b;
  }

  /** A field's wire type changed: one tag byte (a byte whose field number is small) gets other low 3 bits. */
  private static byte[] retype(byte[] body, Random random) {
    byte[] b = body.clone();
    for (int tries = 0; tries < 20; tries++) {
      int at = random.nextInt(b.length);
      if ((b[at] & 0x80) == 0 && (b[at] >>> 3) > 0 && (b[at] >>> 3) < 16) {
        b[at] = (byte) ((b[at] & ~7) | random.nextInt(8));
        return b;
      }
    }
    return flip(b, random, 1);
  }

  /** A length-delimited field declaring far more bytes than follow (up to 2^35). */
  private static byte[] hugeLength(byte[] body, Random random) {
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i + 1 < body.length; i++) {
      if ((body[i] & 7) == 2 && (body[i] & 0x80) == 0) {
        lengths.add(i + 1);
      }
    }
    int at = lengths.isEmpty() ? 1 : lengths.get(random.nextInt(lengths.size()));
    byte[][] varints = {{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, {(byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}, {(byte) 0x80, (byte) 0x80, 0x40},
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff}};
    byte[] v = varints[random.nextInt(varints.length)];
    byte[] out = new byte[body.length + v.length];
    System.arraycopy(body, 0, out, 0, at);
    System.arraycopy(v, 0, out, at, v.length);
    System.arraycopy(body, at, out, at + v.length, body.length - at);
    return out;
  }

  /** Bytes of one valid body spliced into another at random offsets. */
  private static byte[] splice(byte[] body, Random random) {
    int from = random.nextInt(body.length);
    int to = from + random.nextInt(body.length - from);
    int at = random.nextInt(body.length);
    byte[] out = new byte[body.length + (to - from)];
    System.arraycopy(body, 0, out, 0, at);
    System.arraycopy(body, from, out, at, to - from);
    System.arraycopy(body, at, out, at + (to - from), body.length - at);
    return out;
  }

  /** The request as OTLP/JSON with hex ids, as exporters send it. */
  static String validJson(ExportTraceServiceRequest request) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(com.google.protobuf.util.JsonFormat.printer().print(request));
    for (JsonNode rs : root.withArray("resourceSpans")) {
      for (JsonNode ss : rs.withArray("scopeSpans")) {
        for (JsonNode span : ss.withArray("spans")) {
          for (String id : List.of("traceId", "spanId", "parentSpanId")) {
            if (span.has(id)) {
              ((ObjectNode) span).put(id, HEX.formatHex(java.util.Base64.getDecoder().decode(span.get(id).asText())));
            }
          }
        }
      }
    }
    return JSON.writeValueAsString(root);
  }

  private static final List<JsonNode> WRONG = List.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.booleanNode(true),
      JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.textNode(""),
      JsonNodeFactory.instance.textNode("zz"), JsonNodeFactory.instance.textNode("\u0000"), JsonNodeFactory.instance.arrayNode(),
      JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.numberNode(new java.math.BigInteger("99999999999999999999999999")),
      JsonNodeFactory.instance.textNode("18446744073709551616"), JsonNodeFactory.instance.textNode("-5"));

  /** Deletes a member, replaces a value with one of another type, or duplicates an array item, {@code times} times. */
  private static String structural(String json, Random random, int times) {
    try {
      JsonNode root = JSON.readTree(json);
      for (int t = 0; t < times; t++) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode c = containers.get(random.nextInt(containers.size()));
        if (c instanceof ObjectNode o && !o.isEmpty()) {
          List<String> names = new ArrayList<>();
          o.fieldNames().forEachRemaining(names::add);
          String name = names.get(random.nextInt(names.size()));
          switch (random.nextInt(3)) {
            case 0 -> o.remove(name);
            case 1 -> o.set(name, WRONG.get(random.nextInt(WRONG.size())));
            default -> o.set(name.toUpperCase(java.util.Locale.ROOT), o.get(name));
          }
        } else if (c instanceof ArrayNode a && !a.isEmpty()) {
          int at = random.nextInt(a.size());
          switch (random.nextInt(3)) {
            case 0 -> a.remove(at);
            case 1 -> a.set(at, WRONG.get(random.nextInt(WRONG.size())));
            default -> a.add(a.get(at).deepCopy());
          }
        }
      }
      return JSON.writeValueAsString(root);
    } catch (Exception e) {
      return json; // already not JSON: send it as it is
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  private static final List<String> BAD_IDS = List.of("", "0", "abc", "0af7651916cd43dd8448eb211c80319", "0af7651916cd43dd8448eb211c80319cc",
      "0af7651916cd43dd8448eb211c80319g", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "00000000000000000000000000000000", "0000000000000000",
      "CvdlGRbNQ92ESOshHIAxnA==", "b7ad6b71692033", "b7ad6b716920333110", "-7ad6b7169203331", "b7ad 6b7169203331", "é7ad6b7169203331");

  private static String badIds(String json, Random random) {
    String[] ids = {"traceId", "spanId", "parentSpanId"};
    String id = ids[random.nextInt(ids.length)];
    String bad = BAD_IDS.get(random.nextInt(BAD_IDS.size()));
    return json.replaceFirst("\"" + id + "\":\"[0-9a-f]*\"", "\"" + id + "\":\"" + bad + "\"");
  }

  private static String textual(String json, Random random) {
    StringBuilder b = new StringBuilder(json);
    int at = random.nextInt(b.length());
    switch (random.nextInt(4)) {
      case 0 -> b.setLength(at);
      case 1 -> b.insert(at, "{}[],:\"\\0-e".charAt(random.nextInt(11)));
      case 2 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(8)));
      default -> b.setCharAt(at, (char) random.nextInt(0x80));
    }
    return b.toString();
  }

  /** Deeply nested arrays or objects, in the body or inside an attribute value. */
  private static String nested(Random random) {
    int depth = List.of(50, 200, 1_000, 4_000, 20_000).get(random.nextInt(5));
    return switch (random.nextInt(3)) {
      case 0 -> "[".repeat(depth) + "]".repeat(depth);
      case 1 -> "{\"resourceSpans\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
      // At most 4,000 levels (~200 KB): a body over the request limit is refused before it is read, and the client
      // then sees the connection closed rather than the 413 (InputLimitsTest covers bodies over the limit).
      default -> depth > 4_000 ? "[]" : "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
          + "\"spanId\":\"b7ad6b7169203331\",\"name\":\"deep\",\"attributes\":[{\"key\":\"k\",\"value\":"
          + "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(depth) + "{\"stringValue\":\"x\"}"
          + "}]}}".repeat(depth) + "}]}]}]}]}";
    };
  }
}
