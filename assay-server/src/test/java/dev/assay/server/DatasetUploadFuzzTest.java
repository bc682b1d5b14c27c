package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.config.AssayConfig;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated CSV, JSONL and JSON files uploaded through {@code POST /v2/datasets/upload} (multipart) of a live server,
 * deterministic seed, with mutated upload options and broken multipart framing too: each answer is a 201 (the file
 * still made sense) or a 4xx problem with no dataset, version or example stored, never a 5xx; the server stays
 * healthy.
 */
class DatasetUploadFuzzTest {
  private static final String CSV = "id,question,answer,topic,split\n"
      + "e1,\"What is 2+2, roughly?\",4,math,\"train, test\"\ne2,\"two\nlines\",x,geo,\ne3,é 🚀,\"\"\"q\"\"\",,test\n";
  private static final String JSONL = "{\"id\":\"e1\",\"question\":\"2+2?\",\"answer\":\"4\",\"topic\":\"math\",\"split\":[\"train\"]}\n"
      + "{\"id\":\"e2\",\"question\":{\"nested\":[1,2,{\"a\":null}]},\"answer\":4.5,\"topic\":true}\n\n"
      + "{\"id\":\"e3\",\"question\":\"é 🚀\",\"answer\":\"\",\"split\":\"a, b\"}\n";
  private static final String JSON = "[{\"id\":\"e1\",\"question\":\"2+2?\",\"answer\":\"4\",\"topic\":\"math\"},"
      + "{\"id\":\"e2\",\"question\":{\"n\":[1,{\"a\":null}]},\"answer\":4.5,\"split\":[\"x\"]}]";
  private static final List<String> SPLICES = List.of(",", "\"", "\n", "\r\n", "{", "}", "[", "]", ":", "\\", "\u0000",
      "\uFEFF", "é", "🚀", "null", "1e999", "-0", "\"\"", ",,,,", "\"a\"\"b", "{\"id\":{}}", "[[[[", "\t", " ");

  @TempDir Path dir;
  private LiveTarget target;

  @BeforeEach
  void start() {
    target = LiveTarget.start(AssayConfig.defaults(dir).withMaxRequestBytes(256 * 1024));
  }

  @AfterEach
  void stop() {
    target.close();
  }

  @Test
  void mutatedUploads_are201Or4xxProblems_neverStoredWhenRefused() {
    Random random = new Random(0x0d47_8_2026L);
    FuzzRun run = new FuzzRun("dataset upload fuzz", target);
    for (byte[] seed : FuzzCorpus.bytes("datasets", ".csv")) {
      upload(run, "seed", "seed.csv", new String(seed, StandardCharsets.UTF_8), fields(random, 0), random, false);
    }
    String[][] files = {{"f.csv", CSV}, {"f.jsonl", JSONL}, {"f.json", JSON}};
    for (int i = 0; i < 1_200; i++) {
      String[] file = files[i % 3];
      String content = switch (random.nextInt(4)) {
        case 0 -> mutate(file[1], random, 1);
        case 1 -> mutate(file[1], random, 2 + random.nextInt(6));
        case 2 -> files[random.nextInt(3)][1]; // a valid file of another format than its name says
        default -> mutate(files[random.nextInt(3)][1], random, 1);
      };
      upload(run, file[0].substring(2), file[0], content, fields(random, i), random, i % 10 == 9);
    }
    run.finish();
    assertTrue(run.count("csv 201") + run.count("jsonl 201") + run.count("json 201") > 50, "some uploads still make sense");
    assertTrue(run.count("csv 4") + run.count("jsonl 4") + run.count("json 4") > 300, "most are refused");
  }

  /** Upload options: mostly the usual keys, sometimes keys no row has, a bad format, a bad dataset id or no name. */
  private static Map<String, String> fields(Random random, int i) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name", "fuzz-" + i);
    switch (random.nextInt(8)) {
      case 0 -> f.put("input_keys", "question");
      case 1 -> f.putAll(Map.of("output_keys", "answer", "metadata_keys", "topic", "split_key", "split"));
      case 2 -> f.put("example_id_key", "id");
      case 3 -> f.put("output_keys", "missing,,\u0000");
      case 4 -> f.put("format", List.of("xml", "", "CSV", "jsonl ", "json\u0000").get(random.nextInt(5)));
      case 5 -> f.put("dataset_id", List.of("", "nope", "RGF0YXNldDp4", "%%%").get(random.nextInt(4)));
      case 6 -> f.remove("name");
      default -> f.put("space_id", "bm9wZQ==");
    }
    return f;
  }

  private void upload(FuzzRun run, String kind, String fileName, String content, Map<String, String> fields, Random random,
      boolean breakFraming) {
    DatasetFixtures.RawMultipart m = DatasetFixtures.raw(fileName, content, fields);
    byte[] body = breakFraming ? breakFraming(m.body(), random) : m.body();
    String contentType = breakFraming && random.nextBoolean() ? "multipart/form-data" : m.contentType();
    run.check(breakFraming ? kind + "-framing" : kind,
        () -> target.client().post("/v2/datasets/upload", contentType, BodyPublishers.ofByteArray(body)),
        () -> fields + " " + new String(body, StandardCharsets.UTF_8));
  }

  /** The multipart body cut short, its boundary lines damaged, or its headers garbled. */
  private static byte[] breakFraming(byte[] body, Random random) {
    String text = new String(body, StandardCharsets.UTF_8);
    String broken = switch (random.nextInt(4)) {
      case 0 -> text.substring(0, random.nextInt(text.length()));
      case 1 -> text.replaceFirst("--assay-", "--assax-");
      case 2 -> text.replace("Content-Disposition", "Content-Dispositio");
      default -> text.replace("\r\n", "\n");
    };
    return broken.getBytes(StandardCharsets.UTF_8);
  }

  private static String mutate(String text, Random random, int times) {
    StringBuilder b = new StringBuilder(text);
    for (int i = 0; i < times && !b.isEmpty(); i++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(5)) {
        case 0 -> b.insert(at, SPLICES.get(random.nextInt(SPLICES.size())));
        case 1 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(10)));
        case 2 -> b.setLength(at);
        case 3 -> b.insert(at, b.substring(at, Math.min(b.length(), at + random.nextInt(40))));
        default -> b.setCharAt(at, SPLICES.get(random.nextInt(SPLICES.size())).charAt(0));
      }
    }
    return b.toString();
  }
}
