package dev.assay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server child JVM ({@link BenchServer}) for the task benchmarks, with a small JSON client for its API. The
 * child's job-lease owner name contains its pid ({@code <host>-<pid>-<random>}), which is how the drivers tell
 * which replica held a chunk.
 */
final class BenchReplica implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final PrintStream stdin;
  private final String url;
  private final Path stderr;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private BenchReplica(Process process, Path stderr) throws IOException {
    this.process = process;
    this.stderr = stderr;
    this.stdin = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    while (line != null && !line.startsWith("listening ")) {
      line = out.readLine();
    }
    if (line == null) {
      throw new IllegalStateException("the bench server did not start: " + Files.readString(stderr));
    }
    this.url = "http://127.0.0.1:" + line.substring("listening ".length()).strip();
    Thread.ofVirtual().start(() -> drain(out));
  }

  /** Starts a server on {@code dir} (its DuckDB file) or on {@code databaseUrl} when not null, heap {@code heap}. */
  static BenchReplica start(Path dir, String databaseUrl, String heap) throws IOException {
    return start(BenchServer.class.getName(), dir, databaseUrl, heap);
  }

  /** As {@link #start(Path, String, String)} with another server main class (same arguments and stdout protocol). */
  static BenchReplica start(String mainClass, Path dir, String databaseUrl, String heap) throws IOException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.log.dev.assay.server.AccessLog=warn",
        "-cp", System.getProperty("java.class.path"), mainClass, dir.toString()));
    if (databaseUrl != null) {
      command.add(databaseUrl);
    }
    String extra = System.getenv("ASSAY_BENCH_SERVER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(1, List.of(extra.trim().split("\\s+")));
    }
    Path stderr = dir.resolve("server-stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("ASSAY_"));
    return new BenchReplica(builder.start(), stderr);
  }

  String url() {
    return url;
  }

  long pid() {
    return process.pid();
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), "GET " + path);
  }

  JsonNode post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), "POST " + path);
  }

  private JsonNode send(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() / 100 != 2) {
        throw new IllegalStateException(what + " answered " + reply.statusCode() + ": " + reply.body());
      }
      return reply.body().isEmpty() ? JSON.nullNode() : JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server gracefully (end of its stdin), so DuckDB checkpoints. */
  void stop() throws InterruptedException {
    stdin.close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      stop();
    }
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // the server's own notes; nothing to read
      }
    } catch (IOException e) {
      // the child ended
    }
  }

  @Override
  public String toString() {
    return "replica pid " + process.pid() + " at " + url + " (stderr " + stderr + ")";
  }
}
