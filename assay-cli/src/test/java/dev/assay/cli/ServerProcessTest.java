package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay server} as a real process ({@code java -cp <test classpath> dev.assay.cli.AssayMain}): what a
 * person sees on a bad start, and a clean stop on SIGTERM.
 */
class ServerProcessTest {
  /** What the JVM reports after its shutdown hooks ran on SIGTERM: 128 + 15. */
  private static final int EXIT_ON_SIGTERM = 143;

  @TempDir Path tmp;
  private Process process;

  record Result(int exitCode, String stdout, List<String> stderrLines) {
    /** Stderr without the JVM's own warnings (e.g. about native access), which are not Assay's output. */
    List<String> assayLines() {
      return stderrLines.stream().filter(l -> !l.startsWith("WARNING:")).toList();
    }
  }

  @AfterEach
  void killLeftovers() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private Process startServer(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        "dev.assay.cli.AssayMain", "server"));
    command.addAll(List.of(args));
    if (!command.contains("--grpc-port")) {
      command.addAll(List.of("--grpc-port", "0")); // never the default 4317, which parallel runs would share
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(tmp.resolve("stdout.txt").toFile())
        .redirectError(tmp.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("ASSAY_"));
    process = builder.start();
    return process;
  }

  private Result finish(Process p) throws IOException, InterruptedException {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
    return new Result(p.exitValue(), Files.readString(tmp.resolve("stdout.txt")),
        Files.readAllLines(tmp.resolve("stderr.txt")));
  }

  private Result run(String... args) throws IOException, InterruptedException {
    return finish(startServer(args));
  }

  private static void assertOneClearLine(Result result, String expectedStart) {
    assertEquals(ExitCodes.FAILURE, result.exitCode(), result.toString());
    assertEquals(1, result.assayLines().size(), "exactly one line on stderr: " + result.assayLines());
    String line = result.assayLines().getFirst();
    assertTrue(line.startsWith(expectedStart), line);
    assertFalse(result.stderrLines().stream().anyMatch(l -> l.startsWith("\tat ")), "no stack trace");
    assertEquals("", result.stdout());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Test
  void portInUse_isOneClearLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      Result result = run("--working-dir", tmp.resolve("w").toString(), "--port", String.valueOf(port));

      assertOneClearLine(result, "assay: port " + port + " is already in use on 127.0.0.1; set --port/ASSAY_PORT");
    }
  }

  @Test
  void badDatabaseUrl_isOneClearLineWithoutThePassword() throws Exception {
    Result result = run("--working-dir", tmp.resolve("w").toString(), "--database-url", "mysql://root:hunter2@db/app");

    assertOneClearLine(result, "assay: bad database URL from --database-url: unsupported database URL scheme");
    assertFalse(result.stderrLines().toString().contains("hunter2"));
  }

  @Test
  void unwritableWorkingDir_isOneClearLine() throws Exception {
    // Tests run as root, where permission bits are not enforced: nothing can be created under a regular file.
    Path aFile = Files.writeString(tmp.resolve("afile"), "x");

    Result result = run("--working-dir", aFile.resolve("sub").toString());

    assertOneClearLine(result, "assay: cannot create the working directory " + aFile.resolve("sub"));
  }

  @Test
  void unreachablePostgres_isOneClearLineWithoutThePassword() throws Exception {
    Result result = run("--working-dir", tmp.resolve("w").toString(),
        "--database-url", "postgresql://u:secretpw@127.0.0.1:1/x", "--port", String.valueOf(freePort()));

    assertOneClearLine(result, "assay: cannot connect to PostgreSQL jdbc:postgresql://127.0.0.1:1/x as u: ");
    assertFalse(result.stderrLines().toString().contains("secretpw"));
  }

  @Test
  void happyPath_servesHealthz_thenStopsCleanlyOnSigterm() throws Exception {
    int port = freePort();
    Path workingDir = tmp.resolve("w");
    Process p = startServer("--working-dir", workingDir.toString(), "--port", String.valueOf(port));

    String listening = "Assay listening on http://127.0.0.1:" + port + " (DuckDB file " + workingDir.resolve("assay.duckdb") + ")";
    awaitStdout(p, listening);
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> health = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertEquals("{\"status\":\"ok\"}", health.body());
    }

    p.destroy(); // SIGTERM
    Result result = finish(p);

    assertEquals(EXIT_ON_SIGTERM, result.exitCode(), result.toString());
    assertEquals(listening + System.lineSeparator(), result.stdout());
    List<String> lines = result.assayLines();
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\S+ INFO AssayServer - Assay started in \\d+ ms .*")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "\\S+ INFO AccessLog - method=GET path=/healthz status=200 duration_ms=\\S+ bytes=15 remote=127.0.0.1")),
        lines.toString());
    assertTrue(lines.getLast().matches("\\S+ INFO AssayServer - Assay stopped in \\d+ ms"), lines.toString());
    assertFalse(result.stderrLines().stream().anyMatch(l -> l.contains("ERROR") || l.startsWith("\tat ")), lines.toString());
  }

  private void awaitStdout(Process p, String expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.readString(tmp.resolve("stdout.txt")).contains(expected)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("the server exited with " + p.exitValue() + ": "
            + Files.readString(tmp.resolve("stderr.txt")));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + expected + "' on stdout; stderr: " + Files.readString(tmp.resolve("stderr.txt")));
  }
}
