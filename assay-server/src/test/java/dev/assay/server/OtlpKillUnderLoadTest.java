package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise of the OTLP receiver — an answer only after the commit — under SIGKILL: a real server
 * process on a DuckDB file takes OTLP/HTTP protobuf exports from several concurrent senders, is killed with
 * {@code kill -9} in the middle of the load, and restarted on the same file; every span whose export was
 * answered 2xx must then be listed by {@code POST /v2/spans}.
 */
class OtlpKillUnderLoadTest {
  private static final int SENDERS = 6;
  private static final int SPANS_PER_EXPORT = 50;
  private static final String PROJECT = "kill-under-load";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void everyAcknowledgedSpanSurvivesAKill9() throws Exception {
    Path workingDir = tmp.resolve("w");
    Server first = start(workingDir, "first");

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger failedAfterKill = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      senders.add(Thread.ofPlatform().start(() -> {
        while (!stop.get()) {
          List<String> ids = new ArrayList<>();
          ExportTraceServiceRequest request = export(ids);
          try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(first.url() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf").header("x-project-name", PROJECT)
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() / 100 == 2) {
              acknowledged.addAll(ids);
            }
          } catch (IOException e) {
            if (killed.get()) {
              failedAfterKill.incrementAndGet();
            }
            sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }));
    }

    // Sustained load first, so that the kill lands among commits in flight.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acknowledged.size() < 10_000 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    int beforeKill = acknowledged.size();
    assertTrue(beforeKill > 0, "the server acknowledged exports before the kill");
    killed.set(true);
    first.process().destroyForcibly(); // SIGKILL on Linux and macOS
    assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
    Thread.sleep(500); // the senders run into the dead port
    stop.set(true);
    for (Thread sender : senders) {
      sender.join(Duration.ofSeconds(30));
    }
    assertTrue(failedAfterKill.get() > 0, "exports were still being sent when the server died");

    Server second = start(workingDir, "second");
    Set<String> stored = storedSpanIds(http, second.url());
    Set<String> lost = new java.util.HashSet<>(acknowledged);
    lost.removeAll(stored);
    assertTrue(lost.isEmpty(), lost.size() + " acknowledged spans missing after the restart, e.g. "
        + lost.stream().limit(5).toList() + " (" + acknowledged.size() + " acknowledged, " + stored.size() + " stored)");
    System.out.printf("kill -9 under load: %d spans acknowledged (%d before the kill signal), %d stored after restart, "
        + "%d exports failed on the dead server%n", acknowledged.size(), beforeKill, stored.size(), failedAfterKill.get());
    second.process().destroyForcibly();
  }

  private record Server(Process process, String url) {}

  /** Starts {@link KilledServerChild} on the working directory and waits for its port. */
  private Server start(Path workingDir, String label) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        KilledServerChild.class.getName(), workingDir.toString())
        .redirectError(tmp.resolve(label + "-stderr.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("ASSAY_"));
    Process process = builder.start();
    children.add(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread.ofVirtual().start(() -> drain(out));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = ports.get(out);
      if (line != null) {
        return new Server(process, "http://127.0.0.1:" + line.substring("listening ".length()));
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    return fail("the " + label + " server did not start: " + Files.readString(tmp.resolve(label + "-stderr.txt")));
  }

  /** The first {@code listening} line each child printed, by its stdout reader. */
  private final Map<BufferedReader, String> ports = new ConcurrentHashMap<>();

  private void drain(BufferedReader out) {
    try {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("listening ")) {
          ports.putIfAbsent(out, line);
        }
      }
    } catch (IOException e) {
      // the child died; its stderr file says why
    }
  }

  /** Every span id of the project, paging through {@code POST /v2/spans}. */
  private static Set<String> storedSpanIds(HttpClient http, String url) throws Exception {
    Set<String> ids = new java.util.HashSet<>();
    String cursor = null;
    String body = JSON.writeValueAsString(Map.of("project_id", PROJECT, "start_time", "2000-01-01T00:00:00Z",
        "end_time", "2100-01-01T00:00:00Z"));
    do {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url + "/v2/spans?limit=500"
              + (cursor == null ? "" : "&cursor=" + cursor))).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reply.statusCode(), reply.body());
      JsonNode page = JSON.readTree(reply.body());
      page.get("spans").forEach(s -> ids.add(s.at("/context/span_id").asText()));
      cursor = page.at("/pagination/next_cursor").isTextual() ? page.at("/pagination/next_cursor").asText() : null;
    } while (cursor != null);
    return ids;
  }

  /** One export of {@link #SPANS_PER_EXPORT} LLM spans in 5 traces, with fresh random ids (added to {@code ids}). */
  private static ExportTraceServiceRequest export(List<String> ids) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long now = System.currentTimeMillis() * 1_000_000L;
    ByteString trace = null;
    for (int i = 0; i < SPANS_PER_EXPORT; i++) {
      if (i % 10 == 0) {
        trace = bytes(random, 16);
      }
      ByteString spanId = bytes(random, 8);
      ids.add(HexFormat.of().formatHex(spanId.toByteArray()));
      scope.addSpans(Span.newBuilder().setTraceId(trace).setSpanId(spanId).setName("ChatCompletion")
          .setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(now).setEndTimeUnixNano(now + 250_000_000L)
          .addAttributes(attr("openinference.span.kind", "LLM")).addAttributes(attr("llm.model_name", "gpt-4o-mini"))
          .addAttributes(attr("session.id", "session-" + random.nextInt(100)))
          .addAttributes(attr("input.value", "Summarise the incident report for the on-call channel, please.")));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  private static ByteString bytes(ThreadLocalRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    b[0] |= 1; // never all zero
    return ByteString.copyFrom(b);
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
