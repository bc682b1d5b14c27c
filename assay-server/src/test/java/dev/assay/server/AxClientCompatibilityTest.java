package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.assay.config.AssayConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm {@code @arizeai/ax-client} drives a live Assay: the Node tests in {@code clients/ax-client}
 * ({@code *.test.mjs}, run by {@code node --test}) against a server on a temporary DuckDB. Installs the
 * client with {@code npm ci} when {@code node_modules} is missing or older than {@code package-lock.json}.
 * Fails, never skips, without Node.js 20+ and npm: the compatibility claim is only worth the tests behind it.
 */
class AxClientCompatibilityTest {
  private static final String CLIENT_DIR = "clients/ax-client";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TEST_TIMEOUT = Duration.ofMinutes(5);
  private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

  @TempDir Path workingDir;

  @Test
  void theRealAxClientPassesItsTestsAgainstALiveServer() throws Exception {
    Path dir = clientDir();
    requireNodeAndNpm();
    if (needsInstall(dir)) {
      assertEquals(0, run(dir, List.of(npm(), "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT),
          "npm ci failed in " + dir + "; its output is above");
    }
    try (TestServer server = TestServer.start(AssayConfig.defaults(workingDir))) {
      Map<String, String> env = Map.of("ASSAY_URL", "http://127.0.0.1:" + server.server.port(),
          "DISABLE_PRERELEASE_WARNING", "true");
      int exit = run(dir, List.of("node", "--test", "--test-reporter=spec"), env, TEST_TIMEOUT);
      assertEquals(0, exit, "node --test failed in " + dir + "; its output is above");
    }
  }

  /** {@code clients/ax-client} of this checkout, found upwards from the working directory (Maven runs in the module). */
  private static Path clientDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(CLIENT_DIR).resolve("package.json"))) {
        return p.resolve(CLIENT_DIR);
      }
    }
    return fail(CLIENT_DIR + "/package.json not found above " + Path.of("").toAbsolutePath());
  }

  private static void requireNodeAndNpm() {
    String node = version(List.of("node", "--version"));
    String npm = version(List.of(npm(), "--version"));
    if (node == null || npm == null) {
      fail("Node.js 20 or newer and npm are needed to run the AX client compatibility tests (" + CLIENT_DIR
          + "), but " + (node == null ? "'node'" : "'npm'") + " is not on the PATH; install Node.js 20+ (it includes npm)");
    }
    int major = Integer.parseInt(node.replaceFirst("^v", "").split("\\.")[0]);
    if (major < 20) {
      fail("Node.js 20 or newer is needed to run the AX client compatibility tests; found " + node);
    }
  }

  /** The first line a version command prints, or null when the program cannot be run. */
  private static String version(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out.lines().findFirst().orElse("") : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** npm ci also writes node_modules/.package-lock.json, so it is older than package-lock.json exactly when stale. */
  private static boolean needsInstall(Path dir) throws IOException {
    Path installed = dir.resolve("node_modules/.package-lock.json");
    return !Files.exists(installed)
        || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json"))) < 0;
  }

  private static String npm() {
    return WINDOWS ? "npm.cmd" : "npm";
  }

  /** Runs a command in {@code dir}, copying its output line by line into the test log; returns its exit code. */
  private static int run(Path dir, List<String> command, Map<String, String> env, Duration timeout) throws Exception {
    System.out.println("[ax-client] $ " + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    Thread pump = Thread.ofVirtual().start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(line -> System.out.println("[ax-client] " + line));
      } catch (IOException e) {
        System.out.println("[ax-client] (output lost: " + e + ")");
      }
    });
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + timeout);
    }
    pump.join(Duration.ofSeconds(10));
    return process.exitValue();
  }
}
