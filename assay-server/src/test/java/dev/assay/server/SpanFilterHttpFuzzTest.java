package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.config.AssayConfig;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter language end to end: mutated filters (deterministic seed) in {@code POST /v2/spans} against a live
 * server with spans stored. Each answer is a 200 (the filter still parsed) or a 400 problem naming the column, never
 * a 5xx; nothing is stored by a read. {@code FilterFuzzTest} in assay-core covers many more texts without HTTP.
 */
class SpanFilterHttpFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VALID = List.of("name = 'health'", "span_kind = 'LLM' and latency_ms > 1500",
      "status_code = 'ERROR' or status_message CONTAINS 'time'", "model_name IN ('a', 'b''c') AND NOT prompt_tokens <= 3",
      "attributes.\"k k\" = 'v' OR attributes.k > 3.5e2", "metadata.tier IS NOT NULL", "evals.correct.label = 'yes'",
      "(input_value LIKE '%a%' OR output_value NOT LIKE 'b_%') AND context.trace_id = '0af7'");
  private static final String ALPHABET = "()'\",.=!<>-+e09 _aAnNoOrRdDtT;:%\\\u0000é🚀\n";

  @TempDir Path dir;
  private LiveTarget target;

  @BeforeEach
  void start() {
    target = LiveTarget.start(AssayConfig.defaults(dir));
    target.assertHealthy(); // stores a span in project health-check
  }

  @AfterEach
  void stop() {
    target.close();
  }

  @Test
  void mutatedFilters_are200Or400ProblemsWithAColumn() throws Exception {
    Random random = new Random(0x0f17_8_2026L);
    FuzzRun run = new FuzzRun("span filter HTTP fuzz", target);
    for (int i = 0; i < 600; i++) {
      StringBuilder b = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
      for (int m = 0, n = 1 + random.nextInt(3); m < n && !b.isEmpty(); m++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          case 1 -> b.deleteCharAt(at);
          default -> b.setLength(at);
        }
      }
      String filter = b.toString();
      String body = JSON.writeValueAsString(Map.of("project_id", "health-check", "filter", filter));
      run.check("filter", () -> {
        HttpTestClient.Reply reply = target.client().post("/v2/spans?space_name=default", "application/json",
            BodyPublishers.ofString(body));
        if (reply.status() == 400) { // a blank filter has no column to name: it is refused as empty
          String expected = filter.isBlank() ? "must not be empty" : "at column ";
          assertTrue(reply.json().get("detail").asText().contains(expected), reply.body());
        }
        return reply;
      }, () -> body);
    }
    run.finish();
    assertTrue(run.count("filter 200") > 30 && run.count("filter 400") > 200, "both outcomes are reached");
  }
}
