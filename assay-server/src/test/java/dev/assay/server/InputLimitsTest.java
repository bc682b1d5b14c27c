package dev.assay.server;

import static dev.assay.testing.OtlpValues.bytes;
import static dev.assay.testing.OtlpValues.kv;
import static dev.assay.testing.OtlpValues.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.config.AssayConfig;
import dev.assay.config.SecuritySettings;
import dev.assay.datasets.DatasetUploads;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every size limit on input, against a live server with a small request limit (64 KiB) and attribute limit
 * (100 bytes): what is over a limit is refused with a problem (nothing stored) or, for span attributes, cut
 * and marked; the server stays healthy.
 */
class InputLimitsTest {
  private static final long MAX_REQUEST = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path workingDir;
  private LiveTarget target;

  @BeforeEach
  void start() {
    target = LiveTarget.start(AssayConfig.defaults(workingDir).withMaxRequestBytes(MAX_REQUEST)
        .withSecurity(SecuritySettings.defaults().withMaxAttributeBytes(100)));
  }

  @AfterEach
  void stop() {
    target.close();
  }

  @Test
  void longAttributeValues_areTruncatedOnIngest_andTheSpanListsTheirKeys() throws Exception {
    Span span = Span.newBuilder().setTraceId(bytes("0af7651916cd43dd8448eb211c80319c")).setSpanId(bytes("b7ad6b7169203331"))
        .setName("big").setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(1_700_000_000_100_000_000L)
        .addAttributes(kv("input.value", str("é".repeat(80)))) // 160 bytes: cut to 50 characters
        .addAttributes(kv("output.value", str("fine")))
        .build();
    byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build().toByteArray();

    var reply = target.client().postForBytes("/v1/traces", "application/x-protobuf", body, "x-project-name", "limits");

    assertEquals(200, reply.statusCode());
    var row = target.jdbi().withHandle(h -> h.createQuery("SELECT input_value, output_value, attributes FROM spans")
        .mapToMap().one());
    assertEquals("é".repeat(50), row.get("input_value"));
    assertEquals("fine", row.get("output_value"));
    JsonNode attributes = JSON.readTree(row.get("attributes").toString());
    assertEquals("[\"input.value\"]", attributes.get("assay.truncated_attributes").toString());
  }

  @Test
  void chunkedOtlpBody_overTheRequestLimit_is413_andNothingIsStored() {
    byte[] body = new byte[(int) MAX_REQUEST * 2];
    var reply = target.client().post("/v1/traces", "application/x-protobuf",
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    target.assertProblem(reply, 413);
    target.assertUnchangedAndHealthy();
  }

  @Test
  void deflateBombs_zlibAndRaw_are413_notInflatedWhole() {
    byte[] zeros = new byte[20 * 1024 * 1024];
    for (boolean raw : new boolean[] {false, true}) {
      Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, raw);
      deflater.setInput(zeros);
      deflater.finish();
      byte[] out = new byte[64 * 1024];
      byte[] compressed = Arrays.copyOf(out, deflater.deflate(out));
      deflater.end();
      assertTrue(compressed.length < MAX_REQUEST, "the bomb itself is small: " + compressed.length);

      var reply = target.client().post("/v1/traces", "application/x-protobuf", BodyPublishers.ofByteArray(compressed),
          "Content-Encoding", "deflate");

      target.assertProblem(reply, 413);
    }
    target.assertUnchangedAndHealthy();
  }

  @Test
  void multipartUpload_overTheRequestLimit_is413_withOrWithoutAContentLength() {
    String csv = "question\n" + "why?\n".repeat((int) MAX_REQUEST / 4);
    var m = DatasetFixtures.raw("big.csv", csv, Map.of("name", "too-big"));
    target.assertProblem(target.client().post("/v2/datasets/upload", m.contentType(), BodyPublishers.ofByteArray(m.body())), 413);

    // Chunked: no Content-Length, so only the multipart parser's own bound can stop it.
    var chunked = target.client().post("/v2/datasets/upload", m.contentType(),
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(m.body())));
    target.assertProblem(chunked, 413);
    target.assertUnchangedAndHealthy();
  }

  @Test
  void datasetUpload_overTheRowLimit_is400NamingTheLimit_andNothingIsStored() {
    // The request limit must let the file through for the row limit to be the one that bites.
    target.close();
    target = LiveTarget.start(AssayConfig.defaults(workingDir.resolve("rows")));
    String jsonl = "{\"q\":1}\n".repeat(DatasetUploads.MAX_ROWS + 1);

    var reply = DatasetFixtures.upload(target.client(), "rows.jsonl", jsonl, Map.of("name", "too-many"));

    target.assertProblem(reply, 400);
    assertTrue(reply.json().get("detail").asText().contains("more than 100000 examples"), reply.body());
    target.assertUnchangedAndHealthy();
  }
}
